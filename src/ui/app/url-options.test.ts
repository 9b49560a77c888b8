import { describe, expect, it } from 'vitest'
import { parseUrlOptions } from './url-options'

describe('deep-link options', () => {
  it('reads seed and node count', () => {
    expect(parseUrlOptions('?seed=7&nodes=5')).toEqual({ seed: 7, nodes: 5, warnings: [] })
  })
  it('falls back with a clear warning on bad values', () => {
    const parsed = parseUrlOptions('?seed=abc&nodes=99')
    expect(parsed.seed).toBe(1)
    expect(parsed.nodes).toBe(3)
    expect(parsed.warnings).toEqual([
      'Ignored seed=abc: expected a whole number from 0 to 2147483647; using 1.',
      'Ignored nodes=99: expected a whole number from 1 to 12; using 3.',
    ])
  })
})
