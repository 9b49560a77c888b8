import type { AuthorizationRecord } from '../../../protocol/records'
import { outcomeText, resourceText } from './decision-text'
import { BindingCard } from './BindingCard'

interface DecisionDetailProps {
  decision: AuthorizationRecord
}

/**
 * Why a request was allowed or denied: who the API server took the caller for, what they asked,
 * and every RBAC binding that names them with each rule checked — or that none does. RBAC never
 * denies: a request is forbidden when no rule of any binding allows it.
 */
export function DecisionDetail({ decision: d }: DecisionDetailProps) {
  const a = d.attributes
  // The binding RBAC stopped at comes first; then the others that allow; then the rest.
  const bindings = [...(d.bindings ?? [])]
  const decisive = bindings.find((b) => b.allows)
  bindings.sort((a, b) => rank(a) - rank(b))
  function rank(b: (typeof bindings)[number]): number {
    return b === decisive ? 0 : b.allows ? 1 : 2
  }
  return (
    <div className="decision-detail" data-testid="decision-detail">
      <p className={`decision-outcome ${d.allowed ? 'allowed' : 'denied'}`} role="status">
        {outcomeText(d)}
      </p>
      <dl className="facts">
        <dt>Request</dt>
        <dd>
          <code>{d.request}</code>
        </dd>
        {d.user && (
          <>
            <dt>User</dt>
            <dd>
              <strong>{d.user.name}</strong>
              {d.requester && d.requester.name !== d.user.name && (
                <span className="muted"> (impersonated by {d.requester.name})</span>
              )}
            </dd>
            <dt>Groups</dt>
            <dd>{d.user.groups.join(', ') || '—'}</dd>
          </>
        )}
        {d.authenticatedBy !== undefined && (
          <>
            <dt>Authenticated by</dt>
            <dd>{d.authenticatedBy}</dd>
          </>
        )}
        {a && (
          <>
            <dt>Asked</dt>
            <dd>
              {a.path !== ''
                ? `${a.verb} ${a.path}`
                : `${a.verb} ${resourceText(a)}${a.name !== '' ? ` "${a.name}"` : ''} ${a.namespace !== '' ? `in namespace ${a.namespace}` : 'cluster-wide'}`}
            </dd>
          </>
        )}
        {d.reason !== '' && (
          <>
            <dt>{d.code === 401 ? 'Why' : 'Reason'}</dt>
            <dd>{d.reason}</dd>
          </>
        )}
      </dl>
      {d.message !== undefined && (
        <pre className="forbidden-message" data-testid="forbidden-message">
          {d.message}
        </pre>
      )}
      {d.bindings && (
        <>
          <h3>
            Bindings that name {d.user?.name ?? 'the user'} or their groups ({d.bindings.length})
          </h3>
          {bindings.map((b) => (
            <BindingCard key={b.description} binding={b} decisive={b === decisive} />
          ))}
          <p className="muted">
            {d.bindingsNotApplying ?? 0} other binding(s) name someone else. RBAC only adds
            permissions: with no rule that matches, the answer is 403.
          </p>
        </>
      )}
    </div>
  )
}
