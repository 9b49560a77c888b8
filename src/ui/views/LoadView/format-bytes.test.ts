import { describe, expect, it } from 'vitest'
import { formatBytes } from './format-bytes'

describe('formatBytes', () => {
  it('uses decimal units with a sensible number of digits', () => {
    expect(formatBytes(950)).toBe('950 B')
    expect(formatBytes(1_234)).toBe('1.2 KB')
    expect(formatBytes(123_768)).toBe('124 KB')
    expect(formatBytes(1_454_908)).toBe('1.5 MB')
    expect(formatBytes(93_000_000)).toBe('93 MB')
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB')
  })
})
