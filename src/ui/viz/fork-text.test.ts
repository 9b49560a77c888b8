import { describe, expect, it } from 'vitest'
import { forkText } from './fork-text'

describe('the fork notice', () => {
  it('counts and names each discarded action with its time', () => {
    expect(
      forkText({
        atMs: 5_440,
        horizonMs: 20_000,
        discarded: [{ atMs: 12_301, summary: 'kubectl apply -f - (Pod web)' }],
      }),
    ).toBe(
      'History forked at 5.440 s: 1 later action discarded — kubectl apply -f - (Pod web) at 12.301 s.',
    )
    expect(
      forkText({
        atMs: 1_000,
        horizonMs: 9_000,
        discarded: [
          { atMs: 2_000, summary: 'kubectl cordon node-1' },
          { atMs: 3_500, summary: 'stop etcd-1' },
        ],
      }),
    ).toBe(
      'History forked at 1.000 s: 2 later actions discarded — kubectl cordon node-1 at 2.000 s; stop etcd-1 at 3.500 s.',
    )
  })

  it('says when only the later course of events was replaced, and no action was lost', () => {
    expect(forkText({ atMs: 4_000, horizonMs: 15_000, discarded: [] })).toBe(
      'History forked at 4.000 s: what had happened after it (up to 15.000 s) was replaced; no action of yours was discarded.',
    )
  })
})
