import { ScrollRegion } from '../../components/ScrollRegion'
import type { ListCost } from '../../../sim/index'
import { formatBytes } from './format-bytes'

interface RecentListsProps {
  lists: readonly ListCost[]
}

/** The last LISTs the API server answered, newest first: where from, how big, how long. */
export function RecentLists({ lists }: RecentListsProps) {
  const newest = [...lists].reverse().slice(0, 6)
  return (
    <>
      <h3>Last lists</h3>
      {newest.length === 0 ? (
        <p className="muted">No LIST answered yet.</p>
      ) : (
        <ScrollRegion label="Last lists" className="load-table-scroll">
          <table className="load-table" data-testid="recent-lists">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">From</th>
                <th scope="col">Items</th>
                <th scope="col">Bytes</th>
                <th scope="col">Seats</th>
                <th scope="col">ms</th>
              </tr>
            </thead>
            <tbody>
              {newest.map((l) => (
                <tr key={`${l.client}#${String(l.requestId)}#${String(l.servedMs)}`}>
                  <td className="load-request" title={l.request}>
                    {l.request}
                    {l.continued ? ' …' : ''}
                  </td>
                  <td className={l.source === 'etcd' ? 'from-etcd' : 'from-cache'}>{l.source}</td>
                  <td>{l.items}</td>
                  <td>{formatBytes(l.bytes)}</td>
                  <td>{l.seats}</td>
                  <td>{l.servedMs - l.arrivedMs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  )
}
