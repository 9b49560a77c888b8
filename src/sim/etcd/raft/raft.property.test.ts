import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runSchedule } from './testing/schedule'
import { confChangeScheduleArb, scheduleArb } from './testing/schedule-arb'
import { REMOVED_LEADER_READ_INDEX } from './testing/regressions'

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
  }, 60_000)

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
  }, 60_000)

  it('holds the same with voters added and removed one at a time (ConfChange V1)', () => {
    let runs = 0
    fc.assert(
      fc.property(confChangeScheduleArb, (s) => {
        runs++
        runSchedule(s)
      }),
      { numRuns: 500 },
    )
    expect(runs).toBeGreaterThanOrEqual(500)
  }, 60_000)

  it('regression: confChange seed 5, a removed leader answering ReadIndex as a singleton', () => {
    const { history } = runSchedule(REMOVED_LEADER_READ_INDEX)
    expect(history.maxCommitted).toBeGreaterThan(0)
  })
})
