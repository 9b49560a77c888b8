import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { newCycleState } from '../../framework/cycle-state'
import type { NodeInfo } from '../../framework/node-info'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeHandle, makeNodeInfo, runScore } from '../../testing/framework-helpers'
import { interPodAffinity } from './inter-pod-affinity'
import {
  ERR_REASON_AFFINITY,
  ERR_REASON_ANTI_AFFINITY,
  ERR_REASON_EXISTING_ANTI_AFFINITY,
} from './filtering'

const app = (v: string) => ({ labelSelector: { matchLabels: { app: v } } })
const node = (name: string, zone: string | undefined, ...pods: Pod[]) => {
  let b = makeNode(name).capacity({ cpu: '4', pods: 110 })
  if (zone) b = b.label('zone', zone)
  return makeNodeInfo(b.obj(), ...pods)
}
const podOn = (name: string, label: string, nodeName: string) =>
  makePod(name).label('app', label).node(nodeName).obj()

function filterAll(pod: Pod, nodes: NodeInfo[]) {
  const handle = makeHandle(nodes)
  const state = newCycleState()
  const pre = interPodAffinity.preFilter(state, pod, handle)
  return {
    pre: pre.status.code,
    results: Object.fromEntries(
      nodes.map((n) => {
        const s = interPodAffinity.filter(state, pod, n, handle)
        return [n.name, s.code === Code.Success ? 'ok' : `${s.code}: ${s.reasons.join(', ')}`]
      }),
    ),
  }
}

describe('InterPodAffinity Filter (filtering_test.go)', () => {
  it('required affinity: only the zone with a matching pod fits', () => {
    const pod = makePod('p')
      .podAffinity('affinity', { ...app('db'), topologyKey: 'zone' })
      .obj()
    const nodes = [node('n1', 'z1', podOn('db', 'db', 'n1')), node('n2', 'z1'), node('n3', 'z2')]
    expect(filterAll(pod, nodes).results).toEqual({
      n1: 'ok',
      n2: 'ok',
      n3: `UnschedulableAndUnresolvable: ${ERR_REASON_AFFINITY}`,
    })
  })

  it('the first pod of a self-affine group may go to any node with the topology label', () => {
    const pod = makePod('p')
      .label('app', 'web')
      .podAffinity('affinity', { ...app('web'), topologyKey: 'zone' })
      .obj()
    expect(filterAll(pod, [node('n1', 'z1'), node('n2', undefined)]).results).toEqual({
      n1: 'ok',
      n2: `UnschedulableAndUnresolvable: ${ERR_REASON_AFFINITY}`,
    })
  })

  it('required anti-affinity: not on a node with a matching pod (hostname)', () => {
    const pod = makePod('p')
      .podAffinity('antiAffinity', { ...app('web'), topologyKey: 'kubernetes.io/hostname' })
      .obj()
    const nodes = [node('n1', 'z1', podOn('w', 'web', 'n1')), node('n2', 'z1')]
    expect(filterAll(pod, nodes).results).toEqual({
      n1: `Unschedulable: ${ERR_REASON_ANTI_AFFINITY}`,
      n2: 'ok',
    })
  })

  it("existing pods' anti-affinity keeps the incoming pod out of their zone", () => {
    const guard = makePod('guard')
      .node('n1')
      .podAffinity('antiAffinity', { ...app('web'), topologyKey: 'zone' })
      .obj()
    const pod = makePod('p').label('app', 'web').obj()
    const nodes = [node('n1', 'z1', guard), node('n2', 'z1'), node('n3', 'z2')]
    expect(filterAll(pod, nodes).results).toEqual({
      n1: `Unschedulable: ${ERR_REASON_EXISTING_ANTI_AFFINITY}`,
      n2: `Unschedulable: ${ERR_REASON_EXISTING_ANTI_AFFINITY}`,
      n3: 'ok',
    })
  })

  it('PreFilter skips when nothing constrains the pod', () => {
    expect(filterAll(makePod('p').obj(), [node('n1', 'z1')]).pre).toBe(Code.Skip)
  })
})

describe('InterPodAffinity Score (scoring_test.go)', () => {
  it('preferred affinity and anti-affinity, min-max normalized', () => {
    // affinity weight 5 to app=db by zone: z1 has a db pod → z1 nodes +5
    // anti-affinity weight 3 to app=web by hostname: n2 has a web pod → n2 -3
    // raw: n1 5, n2 5 - 3 = 2, n3 0; min 0, max 5 → n1 100, n2 100 × 2/5 = 40, n3 0
    const pod = makePod('p')
      .podAffinity('affinity', { ...app('db'), topologyKey: 'zone' }, 5)
      .podAffinity('antiAffinity', { ...app('web'), topologyKey: 'kubernetes.io/hostname' }, 3)
      .obj()
    const nodes = [
      node('n1', 'z1', podOn('db', 'db', 'n1')),
      node('n2', 'z1', podOn('w', 'web', 'n2')),
      node('n3', 'z2'),
    ]
    const { raw, normalized } = runScore(interPodAffinity, pod, nodes)
    expect(byName(raw)).toEqual({ n1: 5, n2: 2, n3: 0 })
    expect(byName(normalized)).toEqual({ n1: 100, n2: 40, n3: 0 })
  })

  it("existing pods' required affinity counts with hardPodAffinityWeight 1", () => {
    // the existing pod on n1 requires app=web in its zone; the incoming pod is app=web → z1 +1
    const existing = makePod('e')
      .node('n1')
      .podAffinity('affinity', { ...app('web'), topologyKey: 'zone' })
      .obj()
    const pod = makePod('p').label('app', 'web').obj()
    const { raw, normalized } = runScore(interPodAffinity, pod, [
      node('n1', 'z1', existing),
      node('n2', 'z2'),
    ])
    expect(byName(raw)).toEqual({ n1: 1, n2: 0 })
    expect(byName(normalized)).toEqual({ n1: 100, n2: 0 })
  })
})
