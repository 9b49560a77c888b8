import { describe, expect, it } from 'vitest'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { addNode, addPod, createSchedulerCache } from './cache'
import { runSchedulingCycle } from './cycle'
import { createDecisionLog, listDecisions, recordDecision, RECENT_DECISIONS } from './decision-log'
import { MAX_DECISION_ROWS, MAX_NODES_PER_REASON, summarizeCycle } from './decision-summary'
import { makeNode, makePod } from './testing/builders'

function cacheWith(nodes: Node[], pods: Pod[] = []) {
  const cache = createSchedulerCache()
  for (const n of nodes) addNode(cache, n)
  for (const p of pods) addPod(cache, p)
  return cache
}

const node = (name: string, cpu = '4') => makeNode(name).capacity({ cpu, memory: '8Gi', pods: 110 })

function decide(pod: Pod, cache: ReturnType<typeof cacheWith>, seq = 1) {
  const record = runSchedulingCycle({ pod, cache, rng: createRng(1), nextStartNodeIndex: 0 })
  return { record, summary: summarizeCycle(record, pod, cache, seq, 1_000) }
}

describe('summarizeCycle', () => {
  it('keeps every row of a small cluster, aligned with the plugin lists', () => {
    const cache = cacheWith([
      node('n1').obj(),
      node('n2').taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
    ])
    const { summary } = decide(makePod('web').req({ cpu: '500m' }).obj(), cache)
    expect(summary.rows.map((r) => r.node)).toEqual(['n1', 'n2'])
    expect(summary.selectedNode).toBe('n1')
    const taintColumn = summary.filterPlugins.indexOf('TaintToleration')
    expect(summary.rows[1]?.filter[taintColumn]).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {dedicated: gpu}'],
    })
    // Only n1 is feasible: upstream skips scoring, so there are no score cells.
    expect(summary.scoringSkipped).toBe('single-feasible-node')
    expect(summary.rows[0]?.scores).toBeUndefined()
  })

  it('counts every tied node even when it lists only the first of them', () => {
    // 20 identical empty nodes: all tie; the summary lists MAX_NODES_PER_REASON of them.
    const names = Array.from({ length: 20 }, (_, i) => `n${String(i + 1)}`)
    const { record, summary } = decide(
      makePod('web').req({ cpu: '100m' }).obj(),
      cacheWith(names.map((n) => node(n).obj())),
    )
    expect(record.selection?.tiedNodes).toHaveLength(20)
    expect(summary.tie?.count).toBe(20)
    expect(summary.tie?.tiedNodes).toEqual(names.slice(0, MAX_NODES_PER_REASON))
    expect(names).toContain(summary.selectedNode)
  })

  it('sums weighted scores into the total and names the weights', () => {
    const cache = cacheWith(
      [node('n1').obj(), node('n2').obj()],
      [makePod('busy').req({ cpu: '2' }).node('n1').obj()],
    )
    const { summary } = decide(makePod('web').req({ cpu: '1' }).obj(), cache)
    expect(summary.selectedNode).toBe('n2')
    for (const row of summary.rows)
      expect(row.total).toBe(row.scores?.reduce((sum, [, , weighted]) => sum + weighted, 0))
    expect(summary.scorePlugins.find((p) => p.name === 'TaintToleration')?.weight).toBe(3)
    const n2 = summary.rows.find((r) => r.node === 'n2')
    const n1 = summary.rows.find((r) => r.node === 'n1')
    expect(n2?.total).toBeGreaterThan(n1?.total ?? Infinity)
  })

  it('groups failures by reason with the largest free room, for the why-pending panel', () => {
    const cache = cacheWith(
      [node('n1', '2').obj(), node('n2', '4').obj(), node('n3').unschedulable().obj()],
      [makePod('busy').req({ cpu: '1' }).node('n2').obj()],
    )
    const { summary } = decide(makePod('big').req({ cpu: '8' }).obj(), cache)
    expect(summary.selectedNode).toBeNull()
    expect(summary.reasons).toEqual([
      { reason: 'Insufficient cpu', plugin: 'NodeResourcesFit', count: 2, nodes: ['n1', 'n2'] },
      {
        reason: 'node(s) were unschedulable',
        plugin: 'NodeUnschedulable',
        count: 1,
        nodes: ['n3'],
      },
    ])
    // n1: 2000m free; n2: 4000m − 1000m = 3000m; n3 (cordoned) 4000m: the largest is 4000m.
    expect(summary.largestFree.milliCpu).toBe(4000)
    expect(summary.requests.milliCpu).toBe(8000)
    expect(summary.failureMessage).toMatch(/^0\/3 nodes are available: /)
  })

  it(`caps a large cluster at ${MAX_DECISION_ROWS} rows and counts the rest`, () => {
    const nodes = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0
        ? node(`n${i}`).taint({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj()
        : node(`n${i}`).obj(),
    )
    const { record, summary } = decide(makePod('web').req({ cpu: '100m' }).obj(), cacheWith(nodes))
    expect(summary.rows.length).toBe(MAX_DECISION_ROWS)
    expect(summary.rows.some((r) => r.node === summary.selectedNode)).toBe(true)
    expect(summary.rows.some((r) => !r.feasible)).toBe(true)
    const shown = summary.rows.length
    expect(shown + summary.omittedFeasible + summary.omittedRejected).toBe(
      record.evaluatedNodes.length,
    )
    expect(JSON.stringify(summary).length).toBeLessThan(16_000)
  })
})

describe('DecisionLog', () => {
  it('keeps the recent decisions and the latest of each still-pending pod', () => {
    const cache = cacheWith([node('n1', '1').obj()])
    const log = createDecisionLog()
    const pending = decide(makePod('big').req({ cpu: '2' }).obj(), cache, 1).summary
    recordDecision(log, pending)
    for (let seq = 2; seq < RECENT_DECISIONS + 10; seq++)
      recordDecision(log, decide(makePod(`p${seq}`).obj(), cache, seq).summary)
    const kept = listDecisions(log)
    expect(kept[0]).toBe(pending)
    expect(kept.length).toBe(RECENT_DECISIONS + 1)
    expect(log.seq).toBe(RECENT_DECISIONS + 9)
  })
})
