import { describe, expect, it } from 'vitest'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../../../core/rng'
import { addNode, addPod, createSchedulerCache } from '../../cache'
import { runSchedulingCycle } from '../../cycle'
import type { PreemptionRecord } from './default-preemption'
import { makeNode, makePod } from '../../testing/builders'
import { pickOneNodeForPreemption } from './select-victims'

function cacheWith(nodes: Node[], pods: Pod[]) {
  const cache = createSchedulerCache()
  for (const n of nodes) addNode(cache, n)
  for (const p of pods) addPod(cache, p)
  return cache
}
const node = (name: string) => makeNode(name).capacity({ cpu: '4', memory: '8Gi', pods: 110 }).obj()
const pod = (
  name: string,
  cpu: string,
  priority: number,
  on: string,
  start = '2024-01-01T00:00:00Z',
) => makePod(name).req({ cpu }).priority(priority).node(on).startTime(start).obj()

function preempt(nodes: Node[], pods: Pod[], preemptor: Pod) {
  const rec = runSchedulingCycle({
    pod: preemptor,
    cache: cacheWith(nodes, pods),
    rng: createRng(3),
    nextStartNodeIndex: 0,
  })
  return { rec, details: rec.postFilter?.details['DefaultPreemption'] as PreemptionRecord }
}

describe('DefaultPreemption (default_preemption_test.go)', () => {
  it('a pod that fits on one node by evicting low-priority pods nominates that node', () => {
    // n1: two 2-cpu pods at priority 10 and 5; n2: two 2-cpu pods at priority 100.
    // preemptor (priority 50, 2 cpu) fits nowhere; on n2 no pod is lower priority.
    // on n1: remove both (4 cpu free) → fits; reprieve the more important (prio 10) → still fits
    //   (2 cpu free); reprieve prio 5 → does not fit → victim = [low5].
    const { rec, details } = preempt(
      [node('n1'), node('n2')],
      [
        pod('low10', '2', 10, 'n1'),
        pod('low5', '2', 5, 'n1'),
        pod('high1', '2', 100, 'n2'),
        pod('high2', '2', 100, 'n2'),
      ],
      makePod('p').req({ cpu: '2' }).priority(50).obj(),
    )
    expect(rec.selectedNode).toBeNull()
    expect(rec.postFilter?.nominatedNodeName).toBe('n1')
    expect(rec.postFilter?.victims).toEqual(['default/low5'])
    expect(rec.postFilter?.victimKeys).toEqual(['uid-low5'])
    expect(details.nodeStatuses).toEqual({
      n2: {
        code: 'UnschedulableAndUnresolvable',
        reasons: ['No preemption victims found for incoming pod'],
      },
    })
    // PostFilter succeeded: the message has no preemption tail.
    expect(rec.failure?.message).toBe('0/2 nodes are available: 2 Insufficient cpu.')
  })

  it('chooses the node whose highest-priority victim is lowest', () => {
    // n1 victims would be [prio 30]; n2 victims [prio 20] → n2 (criterion 2)
    const { rec, details } = preempt(
      [node('n1'), node('n2')],
      [pod('a', '4', 30, 'n1'), pod('b', '4', 20, 'n2')],
      makePod('p').req({ cpu: '3' }).priority(100).obj(),
    )
    expect(rec.postFilter?.nominatedNodeName).toBe('n2')
    expect(details.selected).toEqual({ node: 'n2', decidedBy: 'lowest highest-priority victim' })
  })

  it('with equal top priority, prefers the smaller sum of priorities, then fewer victims', () => {
    // n1 victims: prio 10 + prio 10 (two 2-cpu pods); n2 victims: prio 10 + prio 1 → n2 has the smaller sum
    const { details } = preempt(
      [node('n1'), node('n2')],
      [
        pod('a1', '2', 10, 'n1'),
        pod('a2', '2', 10, 'n1'),
        pod('b1', '2', 10, 'n2'),
        pod('b2', '2', 1, 'n2'),
      ],
      makePod('p').req({ cpu: '4' }).priority(100).obj(),
    )
    expect(details.selected).toEqual({ node: 'n2', decidedBy: 'smallest sum of victim priorities' })
  })

  it('does not preempt with preemptionPolicy Never', () => {
    const { rec } = preempt(
      [node('n1')],
      [pod('a', '4', 0, 'n1')],
      makePod('p').req({ cpu: '1' }).priority(100).preemptionPolicy('Never').obj(),
    )
    expect(rec.failure?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    )
  })

  it('reports the filter reason when evicting every lower-priority pod is not enough', () => {
    // n1: 4 cpu, low pod uses 1 cpu; preemptor asks 5 cpu → even empty it does not fit.
    const { rec } = preempt(
      [node('n1')],
      [pod('a', '1', 0, 'n1')],
      makePod('p').req({ cpu: '5' }).priority(100).obj(),
    )
    expect(rec.failure?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    )
  })

  it('picks the latest start time of the most important victims as the last criterion', () => {
    const v = (name: string, start: string) => pod(name, '1', 5, 'x', start)
    const best = pickOneNodeForPreemption([
      { node: 'old', victims: [v('o', '2024-01-01T00:00:00Z')], numPDBViolations: 0 },
      { node: 'new', victims: [v('n', '2024-06-01T00:00:00Z')], numPDBViolations: 0 },
    ])
    expect(best).toEqual({
      node: 'new',
      decidedBy: 'latest start time of the most important victims',
    })
  })
})
