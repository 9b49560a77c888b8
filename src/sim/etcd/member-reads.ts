import type { ActorContext } from '../runtime/actor'
import { executeKv } from './kv-execute'
import type { EtcdMemberState } from './member-state'
import { reply } from './member-reply'
import { startReadRound } from './member-requests'
import type { ReadState } from './raft/types'

/**
 * The read loop's round comes back: once the store has applied up to the confirmed index, every
 * read of the round is served (nr.notify in linearizableReadLoop, etcd v3.5) and the next round
 * starts with the reads that arrived meanwhile.
 */
export function serveReadyReads(
  ctx: ActorContext,
  state: EtcdMemberState,
  readStates: readonly ReadState[],
  delayMs: number,
): void {
  const round = state.readRound
  if (round === undefined) return
  for (const rs of readStates)
    if (round.index === undefined && rs.requestCtx.split('@')[0] === round.key)
      round.index = rs.index
  if (round.index === undefined || round.index > state.raft.log.applied) return
  state.readRound = undefined
  for (const id of round.reads) {
    const pending = state.pending[id]
    if (pending?.kind !== 'read') continue
    delete state.pending[id]
    reply(ctx, pending, executeKv(state.mvcc, pending.op).result, delayMs)
  }
  startReadRound(ctx, state)
}
