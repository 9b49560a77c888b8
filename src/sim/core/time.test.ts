import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SIM_EPOCH_UNIX_MS, formatRfc3339, parseRfc3339, simTimeToRfc3339 } from './time'

describe('time', () => {
  it('formats the epoch and known instants like Go time.RFC3339', () => {
    expect(simTimeToRfc3339(0)).toBe('2025-01-01T00:00:00Z')
    expect(simTimeToRfc3339(5_500)).toBe('2025-01-01T00:00:05Z')
    expect(formatRfc3339(951_782_400_000)).toBe('2000-02-29T00:00:00Z')
  })

  it('round-trips any second-aligned instant (checked against the host Date as an oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const ms = seconds * 1000
        const text = formatRfc3339(ms)
        // eslint-disable-next-line no-restricted-globals, no-restricted-syntax -- the host Date is only the oracle here
        expect(text).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'))
        expect(parseRfc3339(text)).toBe(ms)
      }),
    )
  })

  it('honours offsets and rejects garbage', () => {
    expect(parseRfc3339('2025-01-01T02:00:00+02:00')).toBe(SIM_EPOCH_UNIX_MS)
    expect(parseRfc3339('yesterday')).toBeUndefined()
  })
})
