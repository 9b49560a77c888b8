import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runSchedule } from './testing/schedule'
import { scheduleArb } from './testing/schedule-arb'

describe('raft safety under random schedules', () => {
  it('holds election safety, append-only leaders, log matching, leader completeness, state machine safety, monotonic terms/commits and read safety after every step', () => {
    // On failure fast-check reports { seed, path } and the shrunk schedule: pin it below.
    let runs = 0
    fc.assert(
      fc.property(scheduleArb, (s) => {
        runs++
        runSchedule(s)
      }),
      { numRuns: 2000 },
    )
    expect(runs).toBeGreaterThanOrEqual(2000)
  })

  it('elects leaders and commits in most schedules (the generator is not vacuous)', () => {
    let committed = 0
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const { history } = runSchedule(s)
        if (history.maxCommitted > 1) committed++
      }),
      { numRuns: 50, seed: 42 },
    )
    expect(committed).toBeGreaterThan(25)
  })
})
