import { describe, expect, it } from 'vitest'
import { parseUrlOptions } from './url-options'
import {
  SIM_HEAP_FIXED_MB,
  SIM_HEAP_PER_NODE_KB,
  SIM_HEAP_PER_POD_KB,
  TAB_SIM_HEAP_BUDGET_MB,
  tabPodCapacity,
} from '../../protocol/scale'

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
    const parsed = parseUrlOptions('?seed=abc&nodes=999&etcd=8')
    expect(parsed.seed).toBe(1)
    expect(parsed.nodes).toBe(3)
    expect(parsed.warnings).toEqual([
      'Ignored seed=abc: expected a whole number from 0 to 2147483647; using 1.',
      'Ignored nodes=999: expected a whole number from 1 to 500; using 3.',
      'Ignored etcd=8: expected a whole number from 1 to 7; using 3.',
    ])
  })
  it('opens scale mode up to Kubernetes limits: 5,000 nodes, and as many Pods as a tab holds', () => {
    const capacity = tabPodCapacity(5000)
    expect(capacity).toBeGreaterThan(10_000)
    expect(capacity).toBeLessThan(150_000)
    const parsed = parseUrlOptions('?scale=1&nodes=5000&pods=150000')
    expect(parsed).toMatchObject({ nodes: 5000, scale: { pods: capacity } })
    expect(parsed.warnings).toEqual([
      `150,000 Pods on 5,000 nodes would not fit in a browser tab's memory: the simulation keeps about ${SIM_HEAP_PER_POD_KB} KB a Pod (etcd's log and values, the watch cache, the kubelet's state), and a tab has about 3.5 GB. Filling to ${capacity.toLocaleString('en')} Pods; the headless simulation (npm run bench) runs 150,000.`,
    ])
    // What fits is asked for as it is, without a word.
    expect(parseUrlOptions('?scale=1&nodes=1000&pods=20000')).toMatchObject({
      scale: { pods: 20_000 },
      warnings: [],
    })
    // The estimate leaves the tab's page and the garbage collector room: 2.6 of 3.5 GB.
    const kb =
      SIM_HEAP_FIXED_MB * 1024 + 5000 * SIM_HEAP_PER_NODE_KB + capacity * SIM_HEAP_PER_POD_KB
    expect(kb / 1024).toBeLessThanOrEqual(TAB_SIM_HEAP_BUDGET_MB)
    expect(TAB_SIM_HEAP_BUDGET_MB).toBeLessThan(3_586)
    // Pods default to 30 a node (150,000 on 5,000 nodes).
    expect(parseUrlOptions('?scale=1&nodes=200').scale).toEqual({ pods: 6000 })
    expect(parseUrlOptions('?scale=1').nodes).toBe(5000)
    expect(parseUrlOptions('?nodes=5').scale).toBeUndefined()
  })
  it('caps scale mode at the limits with a warning and a sane default', () => {
    const parsed = parseUrlOptions('?scale=1&nodes=6000&pods=lots')
    expect(parsed).toMatchObject({ nodes: 5000, scale: { pods: tabPodCapacity(5000) } })
    expect(parsed.warnings.slice(0, 2)).toEqual([
      'Ignored nodes=6000: expected a whole number from 1 to 5000; using 5000.',
      'Ignored pods=lots: expected a whole number from 0 to 150000; using 150000.',
    ])
    expect(parseUrlOptions('?scale=2').warnings).toEqual([
      'Ignored scale=2: expected a whole number from 0 to 1; using 0.',
    ])
    expect(parseUrlOptions('?pods=10').warnings).toEqual([
      'Ignored pods=10: only scale mode (scale=1) adds Pods by itself.',
    ])
  })
})
