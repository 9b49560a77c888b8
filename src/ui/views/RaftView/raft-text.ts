import type { EtcdRecord, MessageRecord } from '../../../protocol/records'
import type { EtcdMemberView } from '../../../sim/index'

export const ROLE_LABEL: Record<EtcdMemberView['role'], string> = {
  leader: 'leader',
  follower: 'follower',
  'pre-candidate': 'pre-candidate',
  candidate: 'candidate',
}

/** "3 members · quorum 2 (N/2+1) · tolerates 1 failure". */
export function quorumText(etcd: EtcdRecord): string {
  const n = etcd.voters.length
  const failures = etcd.tolerates === 1 ? '1 failure' : `${etcd.tolerates} failures`
  return `${n} member${n === 1 ? '' : 's'} · quorum ${etcd.quorum} (${n}/2+1) · tolerates ${failures}`
}

/** Members that can talk to at least a quorum of voters (counting themselves). */
function withQuorum(etcd: EtcdRecord, member: EtcdMemberView): boolean {
  const reachable = etcd.voters.filter((id) => {
    if (id === member.id) return member.running
    const peer = etcd.members.find((m) => m.id === id)
    const link = etcd.links.find(
      (l) => (l.a === id && l.b === member.id) || (l.b === id && l.a === member.id),
    )
    return peer?.running === true && link?.blocked !== true
  })
  return reachable.length >= etcd.quorum
}

export interface ClusterHealth {
  tone: 'ok' | 'warn' | 'error'
  text: string
}

/**
 * One sentence on what clients can do now, from the member the API server uses: writes and
 * linearizable reads need a leader reachable with a quorum; otherwise only serializable reads.
 */
export function clusterHealth(etcd: EtcdRecord): ClusterHealth {
  const endpoint = etcd.clients[0]?.endpoint
  const member = etcd.members.find((m) => m.id === endpoint)
  const leaderView = etcd.members.find((m) => m.id === etcd.leader)
  if (!member?.running)
    return {
      tone: 'warn',
      text: `The API server's member ${endpoint ?? '?'} is down; it will fail over to another endpoint.`,
    }
  if (member.leader === '' || !withQuorum(etcd, member))
    return {
      tone: 'error',
      text: `Read-only: ${member.id} (the API server's member) has no quorum. Writes and linearizable reads fail ("etcdserver: request timed out"); only serializable reads are served, possibly stale. Running Pods keep running.`,
    }
  if (!leaderView) return { tone: 'warn', text: 'Electing a leader…' }
  return {
    tone: 'ok',
    text: `Writable: ${leaderView.id} leads term ${leaderView.term}; a write commits once ${etcd.quorum} of ${etcd.voters.length} members have it on disk.`,
  }
}

/** The election timer's remaining fraction now, interpolating between 100 ms ticks. */
export function timerRemaining(member: EtcdMemberView, nowMs: number): number {
  if (!member.running || member.role === 'leader' || member.electionTimeout <= 0) return 0
  const sinceTick = Math.min(member.tickMs, Math.max(0, nowMs - member.lastTickMs)) / member.tickMs
  return 1 - (member.electionElapsed + sinceTick) / member.electionTimeout
}

/** The kind of Raft message, for its colour: elections, replication, heartbeats, the rest. */
export function messageClass(m: MessageRecord): string {
  const type = String(m.detail?.['type'] ?? m.label.split(' ')[0])
  if (type.includes('Vote') || type === 'MsgTimeoutNow') return 'vote'
  if (type.startsWith('MsgHeartbeat')) return 'heartbeat'
  if (type.startsWith('MsgApp') || type === 'MsgSnap') return 'append'
  return 'other'
}

/** "put pods/web" from "put /registry/pods/default/web": short enough for a cell. */
export function shortSummary(summary: string): string {
  const match = /^(put|delete) \/registry\/([^/]+)\/(?:[^/]+\/)?([^/]+)$/.exec(summary)
  if (match) return `${match[1]} ${match[2]}/${match[3]}`
  if (summary.startsWith('(empty')) return 'empty'
  return summary
}
