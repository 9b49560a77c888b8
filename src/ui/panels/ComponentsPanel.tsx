import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import type { ComponentRecord } from '../../protocol/records'
import './components-panel.css'

/** Where each kind of process runs, as the map groups them. */
function groupOf(c: ComponentRecord): string {
  if (c.kind === 'etcd') return 'etcd'
  return c.host === 'control-plane' ? 'control plane' : c.host
}

const PROCESS_NAMES: Readonly<Record<string, string>> = {
  'container-runtime': 'containerd',
}

/**
 * Every process of the cluster, running or stopped, with a button to stop or start it (as
 * `systemctl stop kubelet` would on its machine). etcd members have their own controls in the
 * etcd tab. A managed control plane's processes cannot be touched.
 */
export function ComponentsPanel() {
  const { dispatch } = useServices()
  const managed = useAppState((s) => s.managedControlPlane)
  const components = useAppState(
    useShallow((s) => s.components.filter((c) => c.kind !== 'kubectl' && c.kind !== 'etcd')),
  )
  const groups = [...new Set(components.map(groupOf))]
  return (
    <section className="components panel" aria-labelledby="components-title">
      <h2 id="components-title">Components</h2>
      <p className="muted">
        Stop a process to see what depends on it; start it again to see it catch up. etcd members
        are in the etcd tab.
      </p>
      {groups.map((group) => (
        <div key={group} className="component-group">
          <h3>{group}</h3>
          <ul>
            {components
              .filter((c) => groupOf(c) === group)
              .map((c) => {
                const locked = managed && c.host === 'control-plane'
                const name = PROCESS_NAMES[c.kind] ?? c.kind
                return (
                  <li key={c.id} data-testid={`process-${c.id}`}>
                    <span className="process-name">{name}</span>
                    <span className={`process-state ${c.running ? 'up' : 'down'}`}>
                      {c.running ? 'running' : 'stopped'}
                    </span>
                    <button
                      type="button"
                      disabled={locked}
                      title={locked ? 'Managed by your cloud provider' : undefined}
                      aria-label={`${c.running ? 'Stop' : 'Start'} ${c.id}`}
                      onClick={() => {
                        dispatch({ type: c.running ? 'stopComponent' : 'startComponent', id: c.id })
                      }}
                    >
                      {c.running ? 'Stop' : 'Start'}
                    </button>
                  </li>
                )
              })}
          </ul>
        </div>
      ))}
    </section>
  )
}
