import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { committedIndex, voteResult } from './quorum'

// Dumb oracles, as etcd-io/raft quorum/quick_test.go checks the fast code against them.
function oracleCommitted(acked: number[]): number {
  const majority = Math.floor(acked.length / 2) + 1
  let best = 0
  for (const candidate of acked) {
    if (acked.filter((a) => a >= candidate).length >= majority) best = Math.max(best, candidate)
  }
  return best
}

function oracleVote(n: number, votes: (boolean | undefined)[]): string {
  const majority = Math.floor(n / 2) + 1
  const yes = votes.filter((v) => v === true).length
  const no = votes.filter((v) => v === false).length
  if (yes >= majority) return 'VoteWon'
  if (n - no >= majority) return 'VotePending'
  return 'VoteLost'
}

describe('quorum', () => {
  // acked indexes -> committed: sorted descending, the (n/2+1)-th largest is on a majority
  it.each<[number[], number]>([
    [[5], 5],
    [[5, 3], 3], // 2 voters: both needed
    [[5, 3, 1], 3], // sorted 5,3,1: q = 2 -> 3
    [[9, 9, 1, 1], 1], // q = 3: sorted 9,9,1,1 -> 1
    [[7, 6, 5, 4, 3], 5], // q = 3 -> 5
  ])('CommittedIndex of %j is %i', (acked, want) => {
    const ids = acked.map((_, i) => `etcd-${i + 1}`)
    expect(committedIndex(ids, (id) => acked[ids.indexOf(id)] ?? 0)).toBe(want)
  })

  it('CommittedIndex agrees with the oracle', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 7 }), (acked) => {
        const ids = acked.map((_, i) => `etcd-${i + 1}`)
        expect(committedIndex(ids, (id) => acked[ids.indexOf(id)] ?? 0)).toBe(
          oracleCommitted(acked),
        )
      }),
    )
  })

  it('VoteResult agrees with the oracle', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: 1, maxLength: 7 }),
        (votes) => {
          const ids = votes.map((_, i) => `etcd-${i + 1}`)
          const record: Record<string, boolean> = {}
          votes.forEach((v, i) => {
            if (v !== undefined) record[ids[i] as string] = v
          })
          expect(voteResult(ids, record)).toBe(oracleVote(votes.length, votes))
        },
      ),
    )
  })
})
