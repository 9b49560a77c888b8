import type { ExplainedBinding } from '../../../sim/index'
import { ruleText } from './decision-text'

interface BindingCardProps {
  binding: ExplainedBinding
  /** The binding RBAC stopped at: the first that allows, in its visiting order. */
  decisive: boolean
}

/** One binding: its role, the subject that names the user, and each rule matched or not. */
export function BindingCard({ binding: b, decisive }: BindingCardProps) {
  const where = b.bindingNamespace !== undefined ? ` in ${b.bindingNamespace}` : ''
  return (
    <article className={`binding-card ${b.allows ? 'allows' : ''}`} data-testid="binding-card">
      <header>
        <strong>
          {b.bindingKind} {b.bindingName}
          {where}
        </strong>{' '}
        → {b.roleRef.kind} {b.roleRef.name}
        <span className="muted"> · names {b.subject}</span>
        {decisive && <span className="badge allows-badge">allowed the request</span>}
      </header>
      {b.roleError !== undefined && <p className="kubectl-error">{b.roleError}: grants nothing</p>}
      <ul className="rule-list">
        {b.rules.slice(0, 12).map((r, i) => (
          <li key={i} className={r.matches ? 'match' : 'miss'}>
            <span aria-hidden="true">{r.matches ? '✓' : '✗'}</span>{' '}
            <span className="visually-hidden">{r.matches ? 'matches:' : 'does not match:'}</span>
            <code>{ruleText(r.rule)}</code>
            {r.whyNot !== undefined && <span className="muted"> — {r.whyNot}</span>}
          </li>
        ))}
        {b.rules.length > 12 && <li className="muted">… and {b.rules.length - 12} more rules</li>}
      </ul>
    </article>
  )
}
