/**
 * The whole loop as the kube-scheduler actor drives it: queue → cycle → assume/bind, or failure →
 * preemption → victims deleted → event requeues the pod → it lands on its nominated node.
 * Reference: https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/ (v1.32)
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { addNode, addPod as cacheAddPod, assumePod, createSchedulerCache, removePod } from './cache'
import { runSchedulingCycle } from './cycle'
import { nodeFilterRecord } from './cycle-record'
import {
  addPod,
  addUnschedulableIfNotPresent,
  createSchedulingQueue,
  donePod,
  locatePod,
  moveAllToActiveOrBackoffQueue,
  nextWakeupMs,
  popPod,
  tickQueue,
} from './queue'
import { nominatedPods } from './queue-view'
import { makeNode, makePod } from './testing/builders'

describe('scheduler loop', () => {
  it('preempts a low-priority pod, then binds the preemptor to its nominated node', () => {
    const cache = createSchedulerCache()
    const queue = createSchedulingQueue(0)
    const rng = createRng(9)
    addNode(cache, makeNode('n1').capacity({ cpu: '2', memory: '4Gi', pods: 10 }).obj())
    const low = makePod('low').req({ cpu: '2' }).priority(0).node('n1').obj()
    cacheAddPod(cache, low)

    let high: Pod = makePod('high').req({ cpu: '1' }).priority(1000).obj()
    addPod(queue, high, 0)
    const first = popPod(queue, 0)
    if (!first) throw new Error('queue empty')
    const rec1 = runSchedulingCycle({
      pod: first.pod,
      cache,
      rng,
      nextStartNodeIndex: 0,
      nominatedPods: nominatedPods(queue),
    })
    expect(rec1.failure?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.')
    expect(rec1.postFilter?.nominatedNodeName).toBe('n1')
    expect(rec1.postFilter?.victims).toEqual(['default/low'])

    // the actor: set status.nominatedNodeName, requeue, delete the victim
    high = { ...high, status: { nominatedNodeName: 'n1' } }
    first.pod = high
    const unschedulablePlugins = rec1.failure?.unschedulablePlugins ?? []
    expect(
      addUnschedulableIfNotPresent(queue, first, { unschedulablePlugins, pendingPlugins: [] }, 100),
    ).toBe('unschedulablePods')
    removePod(cache, low)
    moveAllToActiveOrBackoffQueue(
      queue,
      { resource: 'AssignedPod', action: 'Delete', pod: low },
      200,
    )
    // NodeResourcesFit's hint queues it; still backing off (1 s from t=100) → backoffQ until the 2 s flush
    expect(locatePod(queue, 'uid-high')).toBe('backoffQ')
    expect(nextWakeupMs(queue)).toBe(2000)
    tickQueue(queue, 2000)

    const second = popPod(queue, 2000)
    if (!second) throw new Error('queue empty')
    const rec2 = runSchedulingCycle({
      pod: second.pod,
      cache,
      rng,
      nextStartNodeIndex: rec1.nextStartNodeIndex,
    })
    expect(rec2.nominatedNode).toEqual({ node: 'n1', passed: true })
    expect(rec2.selectedNode).toBe('n1')
    expect(assumePod(cache, second.pod, 'n1')).toBeUndefined()
    donePod(queue, second.key)
    expect(cache.nodes['n1']?.requested.milliCpu).toBe(1000)
    expect(second.attempts).toBe(2)
  })

  it('preemption honours the anti-affinity PreFilter state when victims are removed', () => {
    // the incoming pod refuses to share a host with app=web; the only node hosts a low-priority web pod
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', pods: 10 }).obj())
    cacheAddPod(cache, makePod('web').label('app', 'web').priority(1).node('n1').obj())
    const pod = makePod('p')
      .priority(100)
      .podAffinity('antiAffinity', {
        labelSelector: { matchLabels: { app: 'web' } },
        topologyKey: 'kubernetes.io/hostname',
      })
      .obj()
    const rec = runSchedulingCycle({ pod, cache, rng: createRng(1), nextStartNodeIndex: 0 })
    expect(nodeFilterRecord(rec, 'n1')?.status.reasons).toEqual([
      "node(s) didn't match pod anti-affinity rules",
    ])
    expect(rec.postFilter?.victims).toEqual(['default/web'])
  })
})
