import { describe, expect, it } from 'vitest'
import { parseUrlOptions } from './url-options'

describe('deep-link options', () => {
  it('reads seed, node count and etcd members', () => {
    expect(parseUrlOptions('?seed=7&nodes=5&etcd=4&prevote=0')).toEqual({
      seed: 7,
      nodes: 5,
      etcd: 4,
      preVote: false,
      checkQuorum: true,
      controlPlanes: 1,
      systemPods: true,
      warnings: [],
    })
    expect(parseUrlOptions('').etcd).toBe(3)
  })
  it('reads the HA control plane and system Pods switches', () => {
    expect(parseUrlOptions('?controlplanes=3&system=0')).toMatchObject({
      controlPlanes: 3,
      systemPods: false,
      warnings: [],
    })
    expect(parseUrlOptions('?controlplanes=4').warnings).toEqual([
      'Ignored controlplanes=4: expected a whole number from 1 to 3; using 1.',
    ])
  })
  it('falls back with a clear warning on bad values', () => {
    const parsed = parseUrlOptions('?seed=abc&nodes=99&etcd=8')
    expect(parsed.seed).toBe(1)
    expect(parsed.nodes).toBe(3)
    expect(parsed.warnings).toEqual([
      'Ignored seed=abc: expected a whole number from 0 to 2147483647; using 1.',
      'Ignored nodes=99: expected a whole number from 1 to 12; using 3.',
      'Ignored etcd=8: expected a whole number from 1 to 7; using 3.',
    ])
  })
})
