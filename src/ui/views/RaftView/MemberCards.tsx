import type { EtcdRecord } from '../../../protocol/records'
import type { EtcdMemberView, SimAction } from '../../../sim/index'
import { useServices } from '../../app/app-context'
import { ROLE_LABEL } from './raft-text'

// Disk profiles a user can pick: a healthy SSD, a busy disk, one that stalls past the 1 s
// election timeout (etcd's guidance: WAL fsync p99 under 10 ms).
const DISKS = [
  { label: 'SSD (2 ms fsync)', ms: 2 },
  { label: 'slow (200 ms)', ms: 200 },
  { label: 'stalling (1.5 s)', ms: 1_500 },
]

function MemberActions({ member, etcd }: { member: EtcdMemberView; etcd: EtcdRecord }) {
  const { dispatch } = useServices()
  const act = (action: SimAction) => () => {
    dispatch(action)
  }
  const others = etcd.members.filter((m) => m.id !== member.id && !m.removed).map((m) => m.id)
  const isolated = others.every((id) =>
    etcd.links.some(
      (l) => l.blocked && ((l.a === id && l.b === member.id) || (l.b === id && l.a === member.id)),
    ),
  )
  return (
    <div className="raft-actions" role="group" aria-label={`${member.id} actions`}>
      {member.running ? (
        <button type="button" onClick={act({ type: 'stopComponent', id: member.id })}>
          Stop
        </button>
      ) : (
        <button
          type="button"
          onClick={act({ type: 'startComponent', id: member.id })}
          disabled={member.removed}
        >
          Restart
        </button>
      )}
      <button
        type="button"
        onClick={act({ type: 'raftTimeoutNow', id: member.id })}
        disabled={!member.running}
      >
        Time out now
      </button>
      {isolated ? (
        <button type="button" onClick={act({ type: 'heal' })}>
          Heal network
        </button>
      ) : (
        <button
          type="button"
          onClick={act({ type: 'partition', sides: [[member.id], [...others, 'kube-apiserver']] })}
        >
          Partition away
        </button>
      )}
      <label className="raft-disk">
        Disk
        <select
          value={member.fsyncMs}
          onChange={(e) => {
            dispatch({ type: 'setDiskLatency', id: member.id, fsyncMs: Number(e.target.value) })
          }}
        >
          {DISKS.map((d) => (
            <option key={d.ms} value={d.ms}>
              {d.label}
            </option>
          ))}
          {!DISKS.some((d) => d.ms === member.fsyncMs) && (
            <option value={member.fsyncMs}>{member.fsyncMs} ms</option>
          )}
        </select>
      </label>
      <button type="button" onClick={act({ type: 'wipeEtcdMember', id: member.id })}>
        Wipe data
      </button>
      <button
        type="button"
        onClick={act({ type: 'removeEtcdMember', id: member.id })}
        disabled={etcd.voters.length <= 1}
      >
        Remove
      </button>
    </div>
  )
}

function Facts({ member, etcd }: { member: EtcdMemberView; etcd: EtcdRecord }) {
  const matches = Object.entries(member.progress)
  return (
    <dl className="raft-facts">
      <dt>term</dt>
      <dd>{member.term}</dd>
      <dt>voted for</dt>
      <dd>{member.vote || '—'}</dd>
      <dt>leader</dt>
      <dd>{member.leader || 'none known'}</dd>
      <dt>commit / applied</dt>
      <dd>
        {member.commit} / {member.applied} (last {member.lastIndex})
      </dd>
      {matches.length > 0 && (
        <>
          <dt>match index</dt>
          <dd>{matches.map(([id, p]) => `${id} ${p.match}`).join(', ')}</dd>
        </>
      )}
      {!etcd.voters.includes(member.id) && (
        <>
          <dt>voter</dt>
          <dd>not yet / no longer</dd>
        </>
      )}
    </dl>
  )
}

/** One card per member: its Raft facts and what you can do to it. */
export function MemberCards({ etcd }: { etcd: EtcdRecord }) {
  return (
    <ul className="raft-cards">
      {etcd.members
        .filter((m) => !m.removed)
        .map((member) => {
          const status = member.running
            ? ROLE_LABEL[member.role]
            : member.crash
              ? 'crashed'
              : 'stopped'
          return (
            <li
              key={member.id}
              className={`raft-card ${member.running ? member.role : 'stopped'}`}
              data-testid={`raft-card-${member.id}`}
            >
              <h3>
                {member.id} <span className="raft-badge">{status}</span>
              </h3>
              {member.crash && <p className="raft-crash">{member.crash}</p>}
              <Facts member={member} etcd={etcd} />
              <MemberActions member={member} etcd={etcd} />
            </li>
          )
        })}
    </ul>
  )
}
