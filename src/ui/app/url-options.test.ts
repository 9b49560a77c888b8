import { describe, expect, it } from 'vitest'
import { parseUrlOptions } from './url-options'
import {
  SIM_HEAP_FIXED_MB,
  SIM_HEAP_PER_NODE_KB,
  SIM_HEAP_PER_POD_KB,
  simHeapEstimateMb,
  TAB_HEAP_LIMIT_MB,
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
    // The notice says how many Pods the tab runs, and why: the tab's heap, what the nodes take
    // before any Pod, and what a Pod takes.
    expect(parsed.warnings).toHaveLength(1)
    const [warning] = parsed.warnings
    expect(warning).toContain(
      `150,000 Pods on 5,000 nodes would not fit in this browser tab: it runs ${capacity.toLocaleString('en')} Pods.`,
    )
    expect(warning).toContain(`about ${(TAB_HEAP_LIMIT_MB / 1024).toFixed(1)} GB`)
    expect(warning).toContain(`under ${(TAB_SIM_HEAP_BUDGET_MB / 1024).toFixed(1)} GB`)
    const beforePods = Math.round(simHeapEstimateMb(5000, 0) / 10) * 10
    expect(warning).toContain(
      `about ${beforePods.toLocaleString('en')} MB with 5,000 nodes before any Pod`,
    )
    expect(warning).toContain(`about ${SIM_HEAP_PER_POD_KB} KB for each Pod`)
    expect(warning).toContain('runs all 150,000')
    // What fits is asked for as it is, without a word.
    expect(parseUrlOptions('?scale=1&nodes=1000&pods=20000')).toMatchObject({
      scale: { pods: 20_000 },
      warnings: [],
    })
    expect(parseUrlOptions(`?scale=1&nodes=5000&pods=${capacity}`)).toMatchObject({
      scale: { pods: capacity },
      warnings: [],
    })
    // Pods default to 30 a node (150,000 on 5,000 nodes).
    expect(parseUrlOptions('?scale=1&nodes=200').scale).toEqual({ pods: 6000 })
    expect(parseUrlOptions('?scale=1').nodes).toBe(5000)
    expect(parseUrlOptions('?nodes=5').scale).toBeUndefined()
  })
  it('says the capacity of a one-node cluster in the singular', () => {
    const capacity = tabPodCapacity(1)
    const [warning] = parseUrlOptions('?scale=1&nodes=1&pods=150000').warnings
    expect(warning).toContain('150,000 Pods on 1 node would not fit')
    expect(warning).toContain('with 1 node before any Pod')
    expect(warning).toContain(`it runs ${capacity.toLocaleString('en')} Pods`)
  })
  it('fills a tab to its budget in whole thousands, leaving the page and the GC room', () => {
    for (const nodes of [1, 100, 1000, 2000, 5000]) {
      const capacity = tabPodCapacity(nodes)
      expect(capacity % 1000).toBe(0)
      // The most whole thousands that fit: a thousand more would not.
      expect(simHeapEstimateMb(nodes, capacity)).toBeLessThanOrEqual(TAB_SIM_HEAP_BUDGET_MB)
      expect(simHeapEstimateMb(nodes, capacity + 1000)).toBeGreaterThan(TAB_SIM_HEAP_BUDGET_MB)
    }
    // More nodes leave room for fewer Pods.
    expect(tabPodCapacity(5000)).toBeLessThan(tabPodCapacity(1000))
    // The estimate keeps a fifth of the tab's heap for the page and the garbage collector.
    expect(TAB_SIM_HEAP_BUDGET_MB).toBeLessThanOrEqual(0.85 * TAB_HEAP_LIMIT_MB)
    expect(simHeapEstimateMb(0, 0)).toBe(SIM_HEAP_FIXED_MB)
    expect(simHeapEstimateMb(1000, 1000) - simHeapEstimateMb(0, 1000)).toBeCloseTo(
      (1000 * SIM_HEAP_PER_NODE_KB) / 1024,
    )
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
