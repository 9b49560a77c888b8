import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { clusterAlerts } from '../../viz/cluster-alerts'
import { etcdHealth } from '../../viz/etcd-health'

/** "etcd is unavailable: no member is running." and what follows it, if anything. */
function splitHeadline(text: string): { headline: string; rest: string } {
  const match = /^(.*?[.!])\s+(.+)$/s.exec(text)
  return match ? { headline: match[1] ?? text, rest: match[2] ?? '' } : { headline: text, rest: '' }
}

/**
 * What is broken right now, one line each above the map: what the map's marks mean. The first
 * sentence says it; the rest (what requests then do) opens on demand, so the map keeps its room.
 */
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
        const [tone, text = ''] = alert.split('|')
        const { headline, rest } = splitHeadline(text)
        return (
          <li key={alert} className={tone}>
            {rest === '' ? (
              headline
            ) : (
              <details>
                <summary>{headline}</summary> {rest}
              </details>
            )}
          </li>
        )
      })}
    </ul>
  )
}
