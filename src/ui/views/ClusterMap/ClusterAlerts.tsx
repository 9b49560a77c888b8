import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { clusterAlerts } from '../../viz/cluster-alerts'
import { etcdHealth } from '../../viz/etcd-health'

/** What is broken right now, in one line each, above the map: what the map's marks mean. */
export function ClusterAlerts() {
  const alerts = useAppState(
    useShallow((s) =>
      clusterAlerts(s.components, s.etcd ? etcdHealth(s.etcd) : undefined).map(
        (a) => `${a.tone}|${a.text}`,
      ),
    ),
  )
  if (alerts.length === 0) return null
  return (
    <ul className="cluster-alerts" role="status" data-testid="cluster-alerts">
      {alerts.map((alert) => {
        const [tone, text] = alert.split('|')
        return (
          <li key={alert} className={tone}>
            {text}
          </li>
        )
      })}
    </ul>
  )
}
