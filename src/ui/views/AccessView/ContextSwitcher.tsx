import { useAppState, useServices } from '../../app/app-context'

/**
 * "Who am I?": the kubeconfig's contexts; choosing one runs `kubectl config use-context`, as a
 * student would type it, so the switch is in the action log and replays.
 */
export function ContextSwitcher() {
  const { runKubectl } = useServices()
  const kubeconfig = useAppState((s) => s.kubeconfig)
  if (!kubeconfig) return null
  const current = kubeconfig.contexts.find((c) => c.name === kubeconfig.currentContext)
  const user = kubeconfig.users.find((u) => u.name === current?.user)
  const who =
    user?.credential === 'client certificate'
      ? `certificate CN=${user.commonName ?? ''}`
      : user?.credential === 'bearer token'
        ? `token for ${user.tokenClaims?.sub ?? '?'}`
        : 'no credential'
  return (
    <div className="context-switcher">
      <label htmlFor="context-select">Acting as</label>
      <select
        id="context-select"
        data-testid="context-select"
        value={kubeconfig.currentContext}
        onChange={(e) => {
          runKubectl(`config use-context ${e.target.value}`)
        }}
      >
        {kubeconfig.contexts.map((c) => (
          <option key={c.name} value={c.name}>
            {c.user}
          </option>
        ))}
      </select>
      <span className="muted">{who}</span>
    </div>
  )
}
