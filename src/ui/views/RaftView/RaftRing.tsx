import type { EtcdRecord, MessageRecord } from '../../../protocol/records'
import type { EtcdMemberView } from '../../../sim/index'
import { useAppState } from '../../app/app-context'
import {
  layoutRing,
  MEMBER_RADIUS,
  timerArc,
  type RingLayout,
  type RingPoint,
} from './raft-geometry'
import { ROLE_LABEL, timerRemaining } from './raft-text'
import { RaftMessages } from './RaftMessages'
import { describeRing } from '../../viz/describe-cluster'

// Narrow enough that on a phone the ring's labels stay readable when the SVG scales down.
const WIDTH = 420
const HEIGHT = 320

interface RaftRingProps {
  etcd: EtcdRecord
  onSelectMessage: (message: MessageRecord) => void
}

function linkOf(etcd: EtcdRecord, a: string, b: string) {
  return etcd.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a))
}

function Link({
  from,
  to,
  blocked,
  loss,
}: {
  from: RingPoint
  to: RingPoint
  blocked: boolean
  loss: number
}) {
  const mx = (from.x + to.x) / 2
  const my = (from.y + to.y) / 2
  const cls = blocked ? 'raft-link cut' : loss > 0 ? 'raft-link lossy' : 'raft-link'
  return (
    <g>
      <line className={cls} x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      {blocked && (
        <text className="raft-link-label cut" x={mx} y={my + 4} textAnchor="middle">
          ✕ cut
        </text>
      )}
      {!blocked && loss > 0 && (
        <text className="raft-link-label lossy" x={mx} y={my - 4} textAnchor="middle">
          {Math.round(loss * 100)}% lost
        </text>
      )}
    </g>
  )
}

function Member({ member, at, nowMs }: { member: EtcdMemberView; at: RingPoint; nowMs: number }) {
  const state = member.running ? member.role : member.crash ? 'crashed' : 'stopped'
  const arc = timerArc(at.x, at.y, MEMBER_RADIUS + 6, timerRemaining(member, nowMs))
  return (
    <g
      className={`raft-member ${state}`}
      data-testid={`raft-member-${member.id}`}
      data-role={member.role}
    >
      <circle cx={at.x} cy={at.y} r={MEMBER_RADIUS} />
      {arc && <path className="raft-timer" d={arc} />}
      <text x={at.x} y={at.y - 8} textAnchor="middle" className="raft-member-id">
        {member.id}
      </text>
      <text x={at.x} y={at.y + 6} textAnchor="middle" className="raft-member-role">
        {member.running ? ROLE_LABEL[member.role] : state}
      </text>
      <text x={at.x} y={at.y + 19} textAnchor="middle" className="raft-member-term">
        term {member.term}
      </text>
    </g>
  )
}

/**
 * The members on a ring with the links between them (cut links crossed out), each member's
 * role, term and election timer draining as an arc, and the API server with its member.
 */
export function RaftRing({ etcd, onSelectMessage }: RaftRingProps) {
  const nowMs = useAppState((s) => s.simTimeMs)
  const members = etcd.members.filter((m) => !m.removed)
  const ids = members.map((m) => m.id).join(',')
  const layout: RingLayout = layoutRing(ids.split(','), WIDTH, HEIGHT)
  const at = new Map(layout.members.map((p) => [p.id, p]))
  const client = etcd.clients[0]
  const pairs = layout.members.flatMap((a, i) =>
    layout.members.slice(i + 1).map((b) => [a, b] as const),
  )
  const endpoint = client ? at.get(client.endpoint) : undefined
  const apiLink = client && endpoint ? linkOf(etcd, client.id, endpoint.id) : undefined
  return (
    <svg
      className="raft-ring"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={describeRing(etcd)}
    >
      {pairs.map(([a, b]) => {
        const link = linkOf(etcd, a.id, b.id)
        return (
          <Link
            key={`${a.id}-${b.id}`}
            from={a}
            to={b}
            blocked={link?.blocked ?? false}
            loss={link?.loss ?? 0}
          />
        )
      })}
      {endpoint && (
        <line
          className={apiLink?.blocked ? 'raft-api-link cut' : 'raft-api-link'}
          x1={layout.apiServer.x}
          y1={layout.apiServer.y + 14}
          x2={endpoint.x}
          y2={endpoint.y}
        />
      )}
      <g className="raft-api">
        <rect
          x={layout.apiServer.x - 56}
          y={layout.apiServer.y - 16}
          width={112}
          height={30}
          rx={6}
        />
        <text x={layout.apiServer.x} y={layout.apiServer.y + 4} textAnchor="middle">
          kube-apiserver
        </text>
      </g>
      {members.map((m) => {
        const point = at.get(m.id)
        return point ? <Member key={m.id} member={m} at={point} nowMs={nowMs} /> : null
      })}
      <RaftMessages ids={ids} width={WIDTH} height={HEIGHT} onSelect={onSelectMessage} />
    </svg>
  )
}
