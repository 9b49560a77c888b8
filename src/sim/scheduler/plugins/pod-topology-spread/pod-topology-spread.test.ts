import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { newCycleState } from '../../framework/cycle-state'
import type { NodeInfo } from '../../framework/node-info'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeHandle, makeNodeInfo, runScore } from '../../testing/framework-helpers'
import { podTopologySpread } from './pod-topology-spread'
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering'

const fooBar = { matchLabels: { foo: 'bar' } }
const matching = (name: string, node: string) => makePod(name).label('foo', 'bar').node(node).obj()
const zoned = (name: string, zone: string | undefined, ...pods: Pod[]) => {
  let b = makeNode(name).capacity({ cpu: '4', pods: 110 })
  if (zone) b = b.label('zone', zone)
  return makeNodeInfo(b.obj(), ...pods)
}

function filterAll(pod: Pod, nodes: NodeInfo[]) {
  const handle = makeHandle(nodes)
  const state = newCycleState()
  const pre = podTopologySpread.preFilter(state, pod, handle)
  return {
    pre: pre.status.code,
    results: Object.fromEntries(
      nodes.map((n) => {
        const s = podTopologySpread.filter(state, pod, n, handle)
        return [n.name, s.code === Code.Success ? 'ok' : `${s.code}: ${s.reasons.join(', ')}`]
      }),
    ),
  }
}

describe('PodTopologySpread Filter (filtering_test.go)', () => {
  it('pods spread across zones as 2/1, maxSkew 1: only zone2 fits', () => {
    // zone1 = 2 matching pods, zone2 = 1 → global min 1
    // zone1 nodes: 2 + 1 (self) - 1 = 2 > 1 → rejected; zone2 nodes: 1 + 1 - 1 = 1 ≤ 1 → fit
    const pod = makePod('p')
      .label('foo', 'bar')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooBar)
      .obj()
    const nodes = [
      zoned('node-a', 'zone1', matching('a1', 'node-a'), matching('a2', 'node-a')),
      zoned('node-b', 'zone1'),
      zoned('node-x', 'zone2', matching('x1', 'node-x')),
      zoned('node-y', 'zone2'),
    ]
    expect(filterAll(pod, nodes).results).toEqual({
      'node-a': `Unschedulable: ${ERR_REASON_CONSTRAINTS_NOT_MATCH}`,
      'node-b': `Unschedulable: ${ERR_REASON_CONSTRAINTS_NOT_MATCH}`,
      'node-x': 'ok',
      'node-y': 'ok',
    })
  })

  it('a node without the topology label is unresolvable', () => {
    const pod = makePod('p')
      .label('foo', 'bar')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooBar)
      .obj()
    expect(
      filterAll(pod, [zoned('node-a', 'zone1'), zoned('node-b', undefined)]).results['node-b'],
    ).toBe(`UnschedulableAndUnresolvable: ${ERR_REASON_NODE_LABEL_NOT_MATCH}`)
  })

  it('with fewer domains than minDomains the global minimum is 0', () => {
    // one zone with 1 matching pod, minDomains 2 → min 0; 1 + 1 - 0 = 2 > 1 → rejected
    const pod = makePod('p')
      .label('foo', 'bar')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooBar)
      .obj()
    const c = pod.spec?.topologySpreadConstraints?.[0]
    if (c) c.minDomains = 2
    expect(
      filterAll(pod, [zoned('node-a', 'zone1', matching('a1', 'node-a'))]).results['node-a'],
    ).toBe(`Unschedulable: ${ERR_REASON_CONSTRAINTS_NOT_MATCH}`)
  })

  it('PreFilter skips a pod without hard constraints', () => {
    expect(filterAll(makePod('p').obj(), [zoned('node-a', 'zone1')]).pre).toBe(Code.Skip)
  })
})

describe('PodTopologySpread Score (scoring_test.go)', () => {
  it('one soft hostname constraint: fewer matching pods score higher', () => {
    // 3 filtered nodes → weight log(3 + 2) = 1.609; maxSkew 1 adds 0
    // raw: a 0 → 0; b 1 × 1.609 = 1.609 → 2; c 2 × 1.609 = 3.219 → 3
    // normalize (min 0, max 3): a 100 × (3 + 0 - 0) / 3 = 100; b 100 × 1 / 3 = 33; c 0
    const pod = makePod('p')
      .label('foo', 'bar')
      .spreadConstraint(1, 'kubernetes.io/hostname', 'ScheduleAnyway', fooBar)
      .obj()
    const nodes = [
      zoned('a', 'z'),
      zoned('b', 'z', matching('b1', 'b')),
      zoned('c', 'z', matching('c1', 'c'), matching('c2', 'c')),
    ]
    const { raw, normalized } = runScore(podTopologySpread, pod, nodes)
    expect(byName(raw)).toEqual({ a: 0, b: 2, c: 3 })
    expect(byName(normalized)).toEqual({ a: 100, b: 33, c: 0 })
  })

  it('zone constraint: a node without the key is ignored (score 0)', () => {
    // zones z1 (2 matching), z2 (0): 2 domains → weight log(4) = 1.386; maxSkew 2 adds 1
    // raw: z1 nodes 2 × 1.386 + 1 = 3.77 → 4; z2 node 0 + 1 = 1; unlabeled node ignored
    // normalize (min 1, max 4): z1 100 × (4 + 1 - 4) / 4 = 25; z2 100 × (4 + 1 - 1) / 4 = 100; ignored 0
    const pod = makePod('p')
      .label('foo', 'bar')
      .spreadConstraint(2, 'zone', 'ScheduleAnyway', fooBar)
      .obj()
    const nodes = [
      zoned('n1', 'z1', matching('m1', 'n1'), matching('m2', 'n1')),
      zoned('n2', 'z2'),
      zoned('n3', undefined),
    ]
    const { raw, normalized } = runScore(podTopologySpread, pod, nodes)
    expect(byName(raw)).toEqual({ n1: 4, n2: 1, n3: 0 })
    expect(byName(normalized)).toEqual({ n1: 25, n2: 100, n3: 0 })
  })

  it('PreScore skips a pod without soft constraints or an owner to default from', () => {
    expect(runScore(podTopologySpread, makePod('p').obj(), [zoned('a', 'z')]).preScore?.code).toBe(
      Code.Skip,
    )
  })
})
