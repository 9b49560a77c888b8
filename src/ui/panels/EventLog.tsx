import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { formatAge } from '../viz/age'
import { ScrollRegion } from '../components/ScrollRegion'

/** Kubernetes Events, newest first, as `kubectl get events` lists them. */
export function EventLog() {
  const events = useAppState(useShallow((s) => s.events.slice(-60).reverse()))
  const nowMs = useAppState((s) => Math.floor(s.simTimeMs / 1000) * 1000)
  return (
    <section className="events panel" aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ScrollRegion label="Events table">
          <table data-testid="event-log">
            <thead>
              <tr>
                <th scope="col">LAST SEEN</th>
                <th scope="col">TYPE</th>
                <th scope="col">REASON</th>
                <th scope="col">OBJECT</th>
                <th scope="col">MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.key} className={e.type === 'Warning' ? 'warning' : undefined}>
                  <td>{formatAge(e.lastMs, nowMs)}</td>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>{e.object}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
