import type { EtcdRecord } from '../../../protocol/records'
import type { LogEntryView } from '../../../sim/index'
import { shortSummary } from './raft-text'
import { ScrollRegion } from '../../components/ScrollRegion'

const COLUMNS = 10

/** The newest indexes any member holds, so every row lines up by index. */
function visibleIndexes(etcd: EtcdRecord): number[] {
  const top = Math.max(0, ...etcd.members.map((m) => m.lastIndex))
  const first = Math.max(1, top - COLUMNS + 1)
  return Array.from({ length: top - first + 1 }, (_, i) => first + i)
}

function Cell({ entry }: { entry: LogEntryView | undefined }) {
  if (!entry) return <td className="raft-entry empty" />
  const state = entry.committed ? 'committed' : 'uncommitted'
  return (
    <td
      className={`raft-entry ${state} term-${entry.term % 6}`}
      title={`index ${entry.index}, term ${entry.term}, ${state}: ${entry.summary}`}
    >
      <span className="raft-entry-term">t{entry.term}</span>
      <span className="raft-entry-what">{shortSummary(entry.summary)}</span>
    </td>
  )
}

/**
 * Each member's log, index by index: committed entries solid, uncommitted ones dashed, so a
 * write's journey (appended on the leader, replicated, committed, applied) can be watched.
 */
export function RaftLogs({ etcd }: { etcd: EtcdRecord }) {
  const indexes = visibleIndexes(etcd)
  const members = etcd.members.filter((m) => !m.removed)
  return (
    <>
      <p className="muted" id="raft-logs-caption">
        Logs (newest {COLUMNS} indexes). Solid: committed. Dashed: not yet committed.
      </p>
      <ScrollRegion label="etcd members’ logs">
        <table className="raft-logs" data-testid="raft-logs" aria-labelledby="raft-logs-caption">
          <thead>
            <tr>
              <th scope="col">member</th>
              {indexes.map((i) => (
                <th scope="col" key={i}>
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid={`raft-log-${m.id}`}>
                <th scope="row">
                  {m.id}
                  <span className="raft-log-commit">commit {m.commit}</span>
                </th>
                {indexes.map((i) => (
                  <Cell key={i} entry={m.log.find((e) => e.index === i)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  )
}
