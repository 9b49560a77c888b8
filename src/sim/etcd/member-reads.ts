import type { ActorContext } from '../runtime/actor'
import { executeKv } from './kv-execute'
import type { EtcdMemberState } from './member-state'
import { reply } from './member-reply'
import type { ReadState } from './raft/types'

/** Records ReadIndex answers, then serves every linearizable read the store has caught up to. */
export function serveReadyReads(
  ctx: ActorContext,
  state: EtcdMemberState,
  readStates: readonly ReadState[],
  delayMs: number,
): void {
  for (const rs of readStates) {
    const id = rs.requestCtx.split('@')[0] ?? ''
    const pending = state.pending[id]
    if (pending?.kind !== 'read' || pending.readIndex !== undefined) continue
    pending.readIndex = rs.index
    state.confirmedReads.push(id)
  }
  if (state.confirmedReads.length === 0) return
  const applied = state.raft.log.applied
  const waiting: string[] = []
  for (const id of state.confirmedReads) {
    const pending = state.pending[id]
    if (pending?.readIndex === undefined) continue
    if (pending.readIndex > applied) {
      waiting.push(id)
      continue
    }
    delete state.pending[id]
    reply(ctx, pending, executeKv(state.mvcc, pending.op).result, delayMs)
  }
  state.confirmedReads = waiting
}
