/**
 * ReadOnlySafe read-index bookkeeping, modelled on raft/read_only.go (etcd v3.5): the leader
 * records its commit index per request context and answers once a quorum acknowledged a
 * heartbeat carrying that context (or a later one).
 */
import type { LogIndex } from '../../core/brand'
import { requestCtxOf } from './types'
import type { Message, MemberId } from './types'

export interface ReadIndexStatus {
  req: Message
  index: LogIndex
  acks: Record<MemberId, boolean>
}

export interface ReadOnlyState {
  pendingReadIndex: Map<string, ReadIndexStatus>
  /** Contexts in arrival order. Invariant: exactly the keys of pendingReadIndex. */
  readIndexQueue: string[]
}

export function makeReadOnly(): ReadOnlyState {
  return { pendingReadIndex: new Map(), readIndexQueue: [] }
}

/** addRequest: remember commit index `index` for this read; a repeated context is ignored. */
export function addRequest(ro: ReadOnlyState, index: LogIndex, m: Message): void {
  const ctx = requestCtxOf(m)
  if (ro.pendingReadIndex.has(ctx)) return
  ro.pendingReadIndex.set(ctx, { req: m, index, acks: {} })
  ro.readIndexQueue.push(ctx)
}

/** recvAck: count a heartbeat acknowledgement; returns the acks so far (undefined if unknown). */
export function recvAck(
  ro: ReadOnlyState,
  id: MemberId,
  ctx: string,
): Record<MemberId, boolean> | undefined {
  const rs = ro.pendingReadIndex.get(ctx)
  if (rs === undefined) return undefined
  rs.acks[id] = true
  return rs.acks
}

/** advance: release every request queued up to and including `ctx`. */
export function advanceReadOnly(ro: ReadOnlyState, ctx: string): ReadIndexStatus[] {
  const at = ro.readIndexQueue.indexOf(ctx)
  if (at < 0) return []
  const released = ro.readIndexQueue.slice(0, at + 1)
  ro.readIndexQueue = ro.readIndexQueue.slice(at + 1)
  const out: ReadIndexStatus[] = []
  for (const c of released) {
    const rs = ro.pendingReadIndex.get(c)
    if (rs !== undefined) out.push(rs)
    ro.pendingReadIndex.delete(c)
  }
  return out
}

export function lastPendingRequestCtx(ro: ReadOnlyState): string {
  return ro.readIndexQueue[ro.readIndexQueue.length - 1] ?? ''
}
