/**
 * Majority quorum arithmetic, modelled on raft/quorum/majority.go (etcd v3.5). Joint quorums
 * (quorum/joint.go) are not needed: membership changes here are ConfChange V1, one at a time.
 */
import type { LogIndex } from '../../core/brand'
import { asIndex } from './types'
import type { MemberId } from './types'

// VoteResult VotePending / VoteLost / VoteWon: raft/quorum/quorum.go (etcd v3.5)
export type VoteResult = 'VotePending' | 'VoteLost' | 'VoteWon'

/**
 * CommittedIndex: the largest index acknowledged by a majority. Sort the acked indexes
 * descending; the quorum-th largest (q = n/2 + 1) is on a majority.
 * MajorityConfig.CommittedIndex, raft/quorum/majority.go (etcd v3.5).
 */
export function committedIndex(
  voters: readonly MemberId[],
  ackedIndex: (id: MemberId) => number,
): LogIndex {
  // An empty config commits everything (math.MaxUint64 upstream); callers never pass one.
  if (voters.length === 0) return asIndex(Number.MAX_SAFE_INTEGER)
  // Upstream sorts into a stack array (`var stk [7]uint64`) with insertionSort, allocating
  // nothing for small clusters; one scratch array here does the same (the leader asks this on
  // every MsgAppResp). Descending: acked[0] is the highest.
  const acked = ACKED_SCRATCH
  for (let i = 0; i < voters.length; i++) {
    const index = ackedIndex(voters[i] as MemberId)
    let j = i
    for (; j > 0 && (acked[j - 1] as number) < index; j--) acked[j] = acked[j - 1] as number
    acked[j] = index
  }
  const q = Math.floor(voters.length / 2) + 1
  return asIndex(acked[q - 1] as number)
}

/** committedIndex's sort buffer; only the first voters.length slots of a call are read. */
const ACKED_SCRATCH: number[] = []

/** VoteResult: won with a majority of yes, lost once a majority is out of reach. */
export function voteResult(
  voters: readonly MemberId[],
  votes: Readonly<Record<MemberId, boolean>>,
): VoteResult {
  if (voters.length === 0) return 'VoteWon'
  let granted = 0
  let missing = 0
  for (const id of voters) {
    const v = votes[id]
    if (v === undefined) missing++
    else if (v) granted++
  }
  const q = Math.floor(voters.length / 2) + 1
  if (granted >= q) return 'VoteWon'
  if (granted + missing >= q) return 'VotePending'
  return 'VoteLost'
}
