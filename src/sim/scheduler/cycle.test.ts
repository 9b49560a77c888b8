import { describe, expect, it } from 'vitest'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { addNode, addPod, createSchedulerCache } from './cache'
import { runSchedulingCycle } from './cycle'
import { nodeFilterRecord, nodeScoreRecord } from './cycle-record'
import { makeNode, makePod } from './testing/builders'

function cacheWith(nodes: Node[], pods: Pod[] = []) {
  const cache = createSchedulerCache()
  for (const n of nodes) addNode(cache, n)
  for (const p of pods) addPod(cache, p)
  return cache
}

const node = (name: string, cpu = '4', memory = '8Gi') =>
  makeNode(name).capacity({ cpu, memory, pods: 110 })

describe('runSchedulingCycle', () => {
  it('filters, scores and picks the least allocated node, recording every step', () => {
    const cache = cacheWith(
      [
        node('n1').obj(),
        node('n2').obj(),
        node('n3').taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
      ],
      [makePod('busy').req({ cpu: '3', memory: '1Gi' }).node('n1').obj()],
    )
    const rec = runSchedulingCycle({
      pod: makePod('web').req({ cpu: '500m', memory: '1Gi' }).obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    expect(rec.selectedNode).toBe('n2')
    expect(rec.evaluatedNodes).toEqual(['n1', 'n2', 'n3'])
    expect(rec.feasibleNodes).toEqual(['n1', 'n2'])
    expect(nodeFilterRecord(rec, 'n3')?.plugins).toMatchObject({
      NodeUnschedulable: { result: 'Passed' },
      NodeName: { result: 'Passed' },
      TaintToleration: {
        result: 'Rejected',
        reasons: ['node(s) had untolerated taint {dedicated: gpu}'],
      },
      NodeAffinity: { result: 'Skipped' },
      NodePorts: { result: 'Skipped' },
      NodeResourcesFit: { result: 'NotRun' },
    })
    // n2 empty: cpu ((4000 - 500) * 100) / 4000 = 87, memory ((8Gi - 1Gi) * 100) / 8Gi = 87 → 87
    expect(nodeScoreRecord(rec, 'n2')?.plugins['NodeResourcesFit']).toEqual({
      raw: 87,
      normalized: 87,
      weight: 1,
      weighted: 87,
    })
    // n1: cpu ((4000 - 3500) * 100) / 4000 = 12, memory ((8Gi - 2Gi) * 100) / 8Gi = 75 → 43
    expect(nodeScoreRecord(rec, 'n1')?.plugins['NodeResourcesFit']?.raw).toBe(43)
    // TaintToleration: no PreferNoSchedule taints → all 0 → reversed to 100, × 3 = 300
    expect(nodeScoreRecord(rec, 'n1')?.plugins['TaintToleration']?.weighted).toBe(300)
    expect(rec.scorePlugins).toEqual([
      'TaintToleration',
      'NodeResourcesFit',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
    ])
    expect(rec.nextStartNodeIndex).toBe(0)
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec)
  })

  it('builds the FailedScheduling message from mixed reasons, sorted as upstream', () => {
    const cache = cacheWith([
      node('n1', '1').obj(),
      node('n2').taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
      node('n3').taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
      node('n4').unschedulable().obj(),
      node('n5', '1', '1Gi').obj(),
    ])
    const rec = runSchedulingCycle({
      pod: makePod('big').req({ cpu: '2', memory: '2Gi' }).obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    expect(rec.selectedNode).toBeNull()
    // n1: Insufficient cpu; n5: Insufficient cpu + Insufficient memory → "2 Insufficient cpu", "1 Insufficient memory"
    expect(rec.failure?.message).toBe(
      // preemption: only n1 and n5 failed with Unschedulable (NodeResourcesFit); they have no
      // lower-priority pods; the three U&U nodes are "not helpful".
      '0/5 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}. ' +
        'preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    )
    expect(rec.failure?.unschedulablePlugins.sort()).toEqual([
      'NodeResourcesFit',
      'NodeUnschedulable',
      'TaintToleration',
    ])
  })

  it('skips scoring when only one node is feasible', () => {
    const cache = cacheWith([node('n1').obj(), node('n2').unschedulable().obj()])
    const rec = runSchedulingCycle({
      pod: makePod('p').obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    expect(rec.selectedNode).toBe('n1')
    expect(rec.scoringSkipped).toBe('single-feasible-node')
    expect(rec.scoreTable).toBeUndefined()
    expect(nodeScoreRecord(rec, 'n1')).toBeUndefined()
  })

  it('reports "no nodes available to schedule pods" for an empty cluster', () => {
    const rec = runSchedulingCycle({
      pod: makePod('p').obj(),
      nodeInfos: [],
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    expect(rec.failure?.message).toBe('no nodes available to schedule pods')
  })

  it('breaks ties with the seeded rng, reproducibly', () => {
    const cache = cacheWith(['a', 'b', 'c', 'd'].map((n) => node(n).obj()))
    const run = (seed: number) =>
      runSchedulingCycle({
        pod: makePod('p').req({ cpu: '1' }).obj(),
        cache,
        rng: createRng(seed),
        nextStartNodeIndex: 0,
      })
    const first = run(7)
    expect(first.selection?.tiedNodes).toEqual(['a', 'b', 'c', 'd'])
    expect(first.selection?.draws.map((d) => d.count)).toEqual([2, 3, 4])
    expect(run(7)).toEqual(first)
    const picks = new Set(Array.from({ length: 40 }, (_, i) => run(i).selectedNode))
    expect(picks.size).toBe(4)
  })

  it('narrows to PreFilterResult nodes and reports the rest as not satisfying the plugin', () => {
    const cache = cacheWith([node('n1').obj(), node('n2').obj(), node('n3').obj()])
    const pod = makePod('p').req({ cpu: '8' }).obj()
    if (pod.spec) {
      pod.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
            ],
          },
        },
      }
    }
    const rec = runSchedulingCycle({ pod, cache, rng: createRng(1), nextStartNodeIndex: 0 })
    expect(rec.evaluatedNodes).toEqual(['n2'])
    expect(rec.failure?.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    )
  })
})

describe('documented examples', () => {
  it('README: least-allocated and balanced-allocation examples through the whole cycle', () => {
    const cache = cacheWith([
      makeNode('node1').capacity({ cpu: '4', memory: '10000', pods: 110 }).obj(),
      makeNode('node2').capacity({ cpu: '6', memory: '10000', pods: 110 }).obj(),
    ])
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const rec = runSchedulingCycle({ pod, cache, rng: createRng(42), nextStartNodeIndex: 0 })
    expect(nodeScoreRecord(rec, 'node1')?.plugins['NodeResourcesFit']).toEqual({
      raw: 37,
      normalized: 37,
      weight: 1,
      weighted: 37,
    })
    expect(nodeScoreRecord(rec, 'node2')?.plugins['NodeResourcesFit']?.raw).toBe(50)
    expect(nodeScoreRecord(rec, 'node1')?.plugins['NodeResourcesBalancedAllocation']?.raw).toBe(87)
    // node1 300 (TaintToleration 100 × 3) + 37 + 87 + 0 = 424; node2 300 + 50 + 100 + 0 = 450
    expect([nodeScoreRecord(rec, 'node1')?.total, nodeScoreRecord(rec, 'node2')?.total]).toEqual([
      424, 450,
    ])
    expect(rec.selectedNode).toBe('node2')
  })

  it('kube-scheduler-simulator README: two empty 4-CPU/32Gi nodes and a 100m/16Gi pod', () => {
    // NodeResourcesFit: cpu ((4000 - 100) × 100) / 4000 = 97, memory ((32Gi - 16Gi) × 100) / 32Gi = 50 → 73
    // BalancedAllocation: cpu 100/4000 = 0.025, memory 0.5 → std 0.2375 → (1 - 0.2375) × 100 = 76
    // TaintToleration: no taints → 0 → reversed to 100 → × 3 = 300
    // NB: ksim's README also shows PodTopologySpread 200; in v1.32 its PreScore returns Skip for a
    // pod without constraints or owners, so it does not score at all.
    const cache = cacheWith(
      ['node-a', 'node-b'].map((n) =>
        makeNode(n).capacity({ cpu: '4', memory: '32Gi', pods: 110 }).obj(),
      ),
    )
    const rec = runSchedulingCycle({
      pod: makePod('pause').req({ cpu: '100m', memory: '16Gi' }).obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    const a = nodeScoreRecord(rec, 'node-a')?.plugins
    expect([
      a?.['NodeResourcesFit']?.raw,
      a?.['NodeResourcesBalancedAllocation']?.raw,
      a?.['TaintToleration']?.weighted,
    ]).toEqual([73, 76, 300])
    expect(rec.scorePlugins).not.toContain('PodTopologySpread')
  })
})
