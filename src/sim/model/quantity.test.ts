import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatMilliCpu,
  isValidQuantity,
  parseMilliValue,
  parseValue,
} from './quantity'

describe('quantity', () => {
  it.each([
    ['500m', 500],
    ['1', 1000],
    ['0.1', 100],
    ['1.5', 1500],
    ['2e3', 2_000_000],
    ['100u', 1], // 0.0001 rounds up to 1 milli, as MilliValue does
  ])('parses %s as %d milli', (text, milli) => {
    expect(parseMilliValue(text)).toBe(milli)
  })

  it.each([
    ['128Mi', 134_217_728],
    ['1Gi', 1_073_741_824],
    ['1G', 1_000_000_000],
    ['1.5Ki', 1536],
    ['500m', 1],
  ])('parses %s as %d', (text, value) => {
    expect(parseValue(text)).toBe(value)
  })

  it('rejects what the API server rejects', () => {
    expect(isValidQuantity('abc')).toBe(false)
    expect(isValidQuantity('1Zi')).toBe(false)
    expect(() => parseValue('lots')).toThrow(/quantities must match/)
  })

  it('formats as kubectl prints', () => {
    expect(formatMilliCpu(1500)).toBe('1500m')
    expect(formatMilliCpu(2000)).toBe('2')
    expect(formatBytes(134_217_728)).toBe('128Mi')
    expect(formatBytes(1000)).toBe('1000')
  })
})
