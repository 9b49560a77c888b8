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
  const acked = voters.map(ackedIndex).sort((a, b) => b - a)
  const q = Math.floor(voters.length / 2) + 1
  return asIndex(acked[q - 1] as number)
}

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
