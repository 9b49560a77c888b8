import { describe, expect, it } from 'vitest'
import {
  backoffGc,
  backoffGet,
  backoffNext,
  CONTAINER_BACKOFF_INITIAL_MS,
  CONTAINER_BACKOFF_MAX_MS,
  createBackoff,
  goDurationSeconds,
  isInBackOffSince,
} from './backoff'

const containerBackoff = () => createBackoff(CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS)

describe('flowcontrol.Backoff as the kubelet configures it (10 s, max 300 s)', () => {
  it('steps 10, 20, 40, 80, 160, 300, 300 s', () => {
    const b = containerBackoff()
    const delays: number[] = []
    let t = 0
    for (let i = 0; i < 7; i++) {
      backoffNext(b, 'pod/app', t, t)
      delays.push(backoffGet(b, 'pod/app') / 1000)
      t += backoffGet(b, 'pod/app') + 1_000
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300])
  })

  // hasExpired: eventTime - lastUpdate > 2 × maxDuration = 600 s (backoff.go, client-go v0.32).
  it('is in back-off from FinishedAt for the current delay, and forgets after 10 min', () => {
    const b = containerBackoff()
    for (let i = 0; i < 4; i++) backoffNext(b, 'k', 0, 0)
    expect(backoffGet(b, 'k')).toBe(80_000)
    // A container that finished 5 s after the last restart is in its 80 s window until 85 s.
    expect(isInBackOffSince(b, 'k', 5_000, 84_999)).toBe(true)
    expect(isInBackOffSince(b, 'k', 5_000, 85_000)).toBe(false)
    // One that ran for exactly 10 min is still remembered; a millisecond more and it is not.
    expect(isInBackOffSince(b, 'k', 600_000, 600_001)).toBe(true)
    expect(isInBackOffSince(b, 'k', 600_001, 600_002)).toBe(false)
    // After expiry, Next starts again at 10 s.
    backoffNext(b, 'k', 600_001, 600_001)
    expect(backoffGet(b, 'k')).toBe(10_000)
  })

  it('keys are independent, and GC drops only expired ones', () => {
    const b = containerBackoff()
    backoffNext(b, 'old', 0, 0)
    backoffNext(b, 'new', 500_000, 500_000)
    backoffGc(b, 600_001)
    expect(Object.keys(b.entries)).toEqual(['new'])
  })

  it('prints delays as Go’s time.Duration does', () => {
    expect([10_000, 80_000, 160_000, 300_000].map(goDurationSeconds)).toEqual([
      '10s',
      '1m20s',
      '2m40s',
      '5m0s',
    ])
  })
})
