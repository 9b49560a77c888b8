import { useAppState, useServices } from '../../app/app-context'
import type { KubeconfigUserView } from '../../../sim/index'

/**
 * How kubectl found the API server, step by step from the kubeconfig: the file, the current
 * context, that context's cluster (server URL and CA) and user (the credential), and what the
 * API server made of the credential on the last request.
 */
export function KubeconfigPath() {
  const { runKubectl } = useServices()
  const kubeconfig = useAppState((s) => s.kubeconfig)
  const last = useAppState((s) =>
    [...s.authDecisions].reverse().find((d) => d.client === 'kubectl'),
  )
  if (!kubeconfig) return <p className="muted">Loading the kubeconfig…</p>
  const context = kubeconfig.contexts.find((c) => c.name === kubeconfig.currentContext)
  const cluster = kubeconfig.clusters.find((c) => c.name === context?.cluster)
  const user = kubeconfig.users.find((u) => u.name === context?.user)
  return (
    <div className="kubeconfig-path" data-testid="kubeconfig-path">
      <ol className="path-steps">
        <li>
          <strong>The file.</strong> kubectl reads <code>{kubeconfig.path}</code> (no{' '}
          <code>--kubeconfig</code> flag, no <code>KUBECONFIG</code> variable).
        </li>
        <li>
          <strong>The context.</strong> <code>current-context: {kubeconfig.currentContext}</code>{' '}
          joins cluster <code>{context?.cluster}</code> and user <code>{context?.user}</code>
          {context?.namespace !== undefined && (
            <>
              , namespace <code>{context.namespace}</code>
            </>
          )}
          . <code>--context</code>, <code>--user</code> and <code>-n</code> override it per command.
        </li>
        <li>
          <strong>The server.</strong> Cluster <code>{cluster?.name}</code>:{' '}
          <code>server: {cluster?.server}</code>; kubectl trusts it because its certificate is
          signed by {cluster?.certificateAuthority} (<code>certificate-authority-data</code>).
        </li>
        <li>
          <strong>The credential.</strong> <CredentialText user={user} />
        </li>
        <li>
          <strong>Authentication.</strong>{' '}
          {last?.user ? (
            <>
              The API server took the last request for <code>{last.user.name}</code> in{' '}
              <code>[{last.user.groups.join(' ')}]</code>
              {last.authenticatedBy !== undefined && <> ({last.authenticatedBy})</>}.
            </>
          ) : last ? (
            <>The last request failed authentication: {last.reason}</>
          ) : (
            <>Run a command to see who the API server takes you for.</>
          )}
        </li>
      </ol>
      <div className="path-actions">
        <button type="button" onClick={() => runKubectl('config view')}>
          kubectl config view
        </button>
        <button type="button" onClick={() => runKubectl('config get-contexts')}>
          kubectl config get-contexts
        </button>
        <button type="button" onClick={() => runKubectl('auth whoami')}>
          kubectl auth whoami
        </button>
      </div>
    </div>
  )
}

function CredentialText({ user }: { user: KubeconfigUserView | undefined }) {
  if (user?.credential === 'client certificate')
    return (
      <>
        a client certificate: <code>CN={user.commonName}</code> becomes the username
        {(user.organizations ?? []).length > 0 && (
          <>
            , <code>O={user.organizations?.join(', O=')}</code> the groups
          </>
        )}
        ; signed by the CA <code>{user.issuer}</code>.
      </>
    )
  if (user?.credential === 'bearer token')
    return (
      <>
        a bearer token, a JWT signed with the service-account key:{' '}
        <code>sub: {user.tokenClaims?.sub}</code>, <code>iss: {user.tokenClaims?.iss}</code>.
      </>
    )
  return <>none: the request is anonymous.</>
}
