import type { MessageRecord } from '../../protocol/records'

/** A message between two etcd members (Raft's own traffic). */
export function isPeerMessage(m: { from: string; to: string }): boolean {
  return m.from.startsWith('etcd-') && m.to.startsWith('etcd-')
}

const raftType = (m: MessageRecord) => String(m.detail?.['type'] ?? m.label.split(' ')[0])

/**
 * What etcd's members are doing together at `nowMs`, in a few words for the main map, or
 * undefined when it is only the heartbeat: "replicate to a quorum" while a write's proposal,
 * appends or their acknowledgements are in flight, "elect a leader" while votes are. Pure.
 */
export function quorumActivity(
  inFlight: readonly MessageRecord[],
  nowMs: number,
): string | undefined {
  let replicating = false
  for (const m of inFlight) {
    if (!isPeerMessage(m) || m.sentAtMs > nowMs || m.deliverAtMs <= nowMs) continue
    const type = raftType(m)
    if (type.includes('Vote') || type === 'MsgTimeoutNow') return 'elect a leader'
    if (type === 'MsgProp' || type.startsWith('MsgApp') || type === 'MsgSnap') replicating = true
  }
  return replicating ? 'replicate to a quorum' : undefined
}
