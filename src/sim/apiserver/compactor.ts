import type { ActorContext } from '../runtime/actor'
import type { EtcdResult } from '../runtime/messages'
import { callEtcd } from './etcd-client'
import type { ApiServerState } from './state'

// --etcd-compaction-interval = 5m: DefaultCompactInterval,
// staging/src/k8s.io/apiserver/pkg/storage/storagebackend/config.go (v1.32)
export const COMPACTION_INTERVAL_MS = 5 * 60_000

// The key whose version is the compactors' logical clock and whose value is the last compacted
// revision: compactRevKey, staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go (v1.32).
// Outside /registry/: the watch cache never sees it.
export const COMPACT_REV_KEY = 'compact_rev_key'

/** The compactor's memory: what runCompactLoop keeps between intervals (compact.go). */
export interface CompactorState {
  /** compactTime: the version of compact_rev_key this server expects (0 before it exists). */
  version: number
  /** rev: etcd's revision when this server last looked; compacted to one interval later. */
  revision: number
}

/**
 * StartCompactor (v1.32, etcd3/compact.go): a new process knows nothing yet, and the first
 * compaction happens one interval after start.
 */
export function startCompactor(ctx: ActorContext, state: ApiServerState): void {
  state.compactor = { version: 0, revision: 0 }
  ctx.setTimer(COMPACTION_INTERVAL_MS, { name: 'compact' })
}

/**
 * One round of runCompactLoop's compact(): a transaction that, if compact_rev_key's version is
 * still the one this server expects, puts the revision seen last round (bumping the version:
 * this server holds the "lease" for this interval), else reads the key (another API server
 * compacted; adopt its version and try again next interval). The protocol makes one compaction
 * per interval across every API server of the cluster.
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go compact, runCompactLoop (v1.32)
 */
export function compactEtcd(ctx: ActorContext, state: ApiServerState): void {
  const compactor = state.compactor ?? { version: 0, revision: 0 }
  callEtcd(
    ctx,
    state,
    {
      op: 'txn',
      compares: [
        { key: COMPACT_REV_KEY, target: 'VERSION', result: 'EQUAL', version: compactor.version },
      ],
      success: [{ op: 'put', key: COMPACT_REV_KEY, value: String(compactor.revision) }],
      failure: [{ op: 'get', key: COMPACT_REV_KEY }],
    },
    { kind: 'compact' },
    { label: `Txn compact_rev_key version = ${compactor.version}` },
  )
}

/**
 * The compactor's answers: after the transaction, Compact to the previous round's revision if
 * this server won (never on the first round: "We don't compact on bootstrap"); after Compact
 * (or any error: compact.go logs it and waits), the next interval.
 */
export function onCompactorResult(
  ctx: ActorContext,
  state: ApiServerState,
  result: EtcdResult,
): void {
  const compactor = state.compactor ?? { version: 0, revision: 0 }
  if (!result.ok || !('succeeded' in result)) return nextRound(ctx)
  // currentRev = resp.Header.Revision: what the next round compacts to.
  const previous = compactor.revision
  compactor.revision = result.revision
  if (!result.succeeded) {
    compactor.version = result.gets[0]?.version ?? compactor.version
    state.compactor = compactor
    return nextRound(ctx)
  }
  compactor.version++
  state.compactor = compactor
  if (previous === 0) return nextRound(ctx)
  callEtcd(
    ctx,
    state,
    { op: 'compact', revision: previous },
    { kind: 'compacted' },
    { label: `Compact rev ${previous}` },
  )
}

/** The interval starts again once the round is over (clock.After in runCompactLoop). */
export function nextRound(ctx: ActorContext): void {
  ctx.setTimer(COMPACTION_INTERVAL_MS, { name: 'compact' })
}
