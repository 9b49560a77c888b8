import { describe, expect, it } from 'vitest'
import {
  addInflight,
  becomeProbe,
  becomeReplicate,
  becomeSnapshot,
  freeInflightsTo,
  isPaused,
  makeProgress,
  maybeDecrTo,
  maybeUpdate,
} from './progress'
import type { ProgressState } from './progress'
import { asIndex } from './types'

function progress(state: ProgressState, match: number, next: number) {
  const pr = makeProgress(next, 3)
  pr.state = state
  pr.match = asIndex(match)
  return pr
}

describe('progress (tracker/progress.go)', () => {
  // state, match, next, rejected, hint -> decremented?, new next  (TestProgressMaybeDecr)
  it.each<[ProgressState, number, number, number, number, boolean, number]>([
    ['replicate', 5, 10, 5, 5, false, 10], // rejection at or below match is stale
    ['replicate', 5, 10, 4, 4, false, 10],
    ['replicate', 5, 10, 9, 9, true, 6], // real rejection: back to match+1
    ['probe', 0, 0, 0, 0, false, 0], // next-1 != rejected: stale
    ['probe', 0, 10, 5, 5, false, 10],
    ['probe', 0, 10, 9, 9, true, 9], // next = min(rejected, hint+1) = min(9, 10)
    ['probe', 0, 2, 1, 1, true, 1],
    ['probe', 0, 1, 0, 0, true, 1], // never below 1
    ['probe', 0, 10, 9, 2, true, 3], // the hint jumps back: min(9, 2+1)
    ['probe', 0, 10, 9, 0, true, 1],
  ])(
    'MaybeDecrTo in %s (match %i next %i) rejected %i hint %i',
    (state, match, next, rejected, hint, wok, wnext) => {
      const pr = progress(state, match, next)
      expect(maybeDecrTo(pr, rejected, hint)).toBe(wok)
      expect(pr.next).toBe(wnext)
    },
  )

  it('MaybeUpdate moves match forward only, next never backward', () => {
    const pr = progress('probe', 3, 5)
    expect(maybeUpdate(pr, 2)).toBe(false)
    expect(pr.next).toBe(5)
    expect(maybeUpdate(pr, 7)).toBe(true)
    expect([pr.match, pr.next]).toEqual([7, 8])
  })

  it('pauses: probe after one send, replicate when the window is full, snapshot always', () => {
    const pr = progress('probe', 0, 1)
    expect(isPaused(pr)).toBe(false)
    pr.probeSent = true
    expect(isPaused(pr)).toBe(true)
    becomeReplicate(pr)
    for (const i of [1, 2, 3]) addInflight(pr, asIndex(i))
    expect(isPaused(pr)).toBe(true)
    freeInflightsTo(pr, 2)
    expect(pr.inflights).toEqual([3])
    expect(isPaused(pr)).toBe(false)
    becomeSnapshot(pr, asIndex(10))
    expect(isPaused(pr)).toBe(true)
  })

  it('BecomeProbe after a snapshot resumes after the snapshot', () => {
    const pr = progress('replicate', 1, 2)
    becomeSnapshot(pr, asIndex(10))
    becomeProbe(pr)
    expect(pr.next).toBe(11)
  })
})
