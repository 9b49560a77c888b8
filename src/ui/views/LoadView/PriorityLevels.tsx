import { ScrollRegion } from '../../components/ScrollRegion'
import type { PriorityLevelLoad } from '../../../sim/index'

interface PriorityLevelsProps {
  levels: readonly PriorityLevelLoad[]
}

/** API Priority and Fairness: each level's seats in use against its limit, queue and 429s. */
export function PriorityLevels({ levels }: PriorityLevelsProps) {
  return (
    <>
      <h3>Priority levels</h3>
      <ScrollRegion label="Priority levels" className="load-table-scroll">
        <table className="load-table" data-testid="priority-levels">
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Seats</th>
              <th scope="col">Queued</th>
              <th scope="col">429</th>
              <th scope="col">Served</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => {
              const limit = l.limitSeats
              const share = limit === null ? 0 : Math.min(1, l.seatsInUse / limit)
              return (
                <tr key={l.name} data-testid={`level-${l.name}`}>
                  <th scope="row">{l.name}</th>
                  <td>
                    <span className="seat-bar" aria-hidden="true">
                      <span className="seat-fill" style={{ width: `${String(share * 100)}%` }} />
                    </span>
                    {l.seatsInUse}/{limit ?? '∞'}
                  </td>
                  <td className={l.queued > 0 ? 'warn' : ''}>{l.queued}</td>
                  <td className={l.rejected > 0 ? 'bad' : ''}>{l.rejected}</td>
                  <td>{l.dispatched}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  )
}
