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
    if (pending?.kind === 'read' && pending.readIndex === undefined) pending.readIndex = rs.index
  }
  const applied = state.raft.log.applied
  for (const [id, pending] of Object.entries(state.pending)) {
    if (pending.kind !== 'read' || pending.readIndex === undefined) continue
    if (pending.readIndex > applied) continue
    delete state.pending[id]
    reply(ctx, pending, executeKv(state.mvcc, pending.op).result, delayMs)
  }
}
