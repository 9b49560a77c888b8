import type { EtcdRecord, MessageRecord } from '../../../protocol/records'
import { etcdHealth } from '../../viz/etcd-health'
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

export interface ClusterHealth {
  tone: 'ok' | 'warn' | 'error'
  text: string
}

/** One sentence on what clients can do now (see viz/etcd-health.ts, which the map shares). */
export function clusterHealth(etcd: EtcdRecord): ClusterHealth {
  const { tone, text } = etcdHealth(etcd)
  return { tone, text }
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
