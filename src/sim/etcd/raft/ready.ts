/**
 * The output side: hasReady / takeReady / advance, modelled on raft/rawnode.go HasReady,
 * Ready (acceptReady) and Advance and raft/node.go Ready (etcd v3.5).
 *
 * Contract: after takeReady the caller persists entriesToPersist, hardState and snapshot, then
 * sends messages, then applies snapshot and committedEntries (calling applyConfChange for each
 * ConfChange entry), then calls advance with the same Ready before taking the next one.
 */
import { nextCommittedEntries, termAt, unstableEntries } from './log'
import { hardState, softState } from './raft-state'
import type { RaftState } from './raft-state'
import { asIndex } from './types'
import type { HardState, Ready } from './types'

function sameHard(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit
}

/**
 * hasReady: is there anything to persist, send, apply or show? Pure; does not change state.
 * Compares fields in place (no SoftState/HardState objects): the etcd member asks it after
 * every message it steps.
 */
export function hasReady(r: RaftState): boolean {
  const log = r.log
  const soft = r.prevSoftState
  const hard = r.prevHardState
  return (
    r.lead !== soft.leader ||
    r.role !== soft.role ||
    r.term !== hard.term ||
    r.vote !== hard.vote ||
    log.committed !== hard.commit ||
    log.pendingSnapshot !== undefined ||
    r.msgs.length > 0 ||
    r.readStates.length > 0 ||
    r.events.length > 0 ||
    log.stabled < log.offset + log.entries.length ||
    (log.committed > log.applied && nextCommittedEntries(log).length > 0)
  )
}

/** takeReady: hands out the pending work; messages and read states are handed out once. */
export function takeReady(r: RaftState): Ready {
  const hs = hardState(r)
  const hardChanged = !sameHard(hs, r.prevHardState)
  const entriesToPersist = unstableEntries(r.log)
  const rd: Ready = {
    softState: softState(r),
    events: r.events,
    readStates: r.readStates,
    entriesToPersist,
    committedEntries: nextCommittedEntries(r.log),
    messages: r.msgs,
    // MustSync: term or vote changed, or entries to append (raft/node.go MustSync, etcd v3.5).
    mustSync:
      entriesToPersist.length > 0 ||
      hs.term !== r.prevHardState.term ||
      hs.vote !== r.prevHardState.vote,
  }
  if (hardChanged) rd.hardState = hs
  if (r.log.pendingSnapshot !== undefined) rd.snapshot = r.log.pendingSnapshot
  r.prevSoftState = rd.softState
  r.msgs = []
  r.readStates = []
  r.events = []
  return rd
}

/** advance: the Ready was persisted and applied; move stabled and applied forward. */
export function advance(r: RaftState, rd: Ready): void {
  const log = r.log
  if (rd.hardState !== undefined) r.prevHardState = rd.hardState
  if (rd.snapshot !== undefined) {
    const si = rd.snapshot.metadata.index
    if (log.pendingSnapshot?.metadata.index === si) delete log.pendingSnapshot
    if (log.applied < si) log.applied = si
  }
  const lastPersisted = rd.entriesToPersist[rd.entriesToPersist.length - 1]
  // stableTo: only if the entry was not overwritten meanwhile (raft/log_unstable.go stableTo).
  if (
    lastPersisted !== undefined &&
    termAt(log, lastPersisted.index) === lastPersisted.term &&
    lastPersisted.index > log.stabled
  ) {
    log.stabled = lastPersisted.index
  }
  const lastApplied = rd.committedEntries[rd.committedEntries.length - 1]
  if (lastApplied !== undefined && lastApplied.index > log.applied) {
    log.applied = asIndex(lastApplied.index)
  }
}
