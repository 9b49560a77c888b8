import { useAppState, useServices } from '../../app/app-context'
import { selectProxyMode } from '../../../store/selectors'

/** The kube-proxy ConfigMap's mode: switching it restarts kube-proxy on every node. */
export function ProxyModeSwitch() {
  const { dispatch } = useServices()
  const mode = useAppState(selectProxyMode)
  return (
    <div className="mode-switch" role="group" aria-label="kube-proxy mode">
      <span className="muted">kube-proxy mode</span>
      {(['iptables', 'ipvs'] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={mode === m}
          className={mode === m ? 'primary' : undefined}
          onClick={() => {
            if (mode !== m) dispatch({ type: 'setKubeProxyMode', mode: m })
          }}
          data-testid={`proxy-mode-${m}`}
        >
          {m === 'ipvs' ? 'IPVS' : 'iptables'}
        </button>
      ))}
    </div>
  )
}
