import { describe, expect, it } from 'vitest'
import {
  addPod,
  addUnschedulableIfNotPresent,
  backoffDurationMs,
  createSchedulingQueue,
  locatePod,
  moveAllToActiveOrBackoffQueue,
  nextWakeupMs,
  popPod,
  tickQueue,
  updatePod,
  type SchedulingQueue,
} from './queue'
import { listQueues } from './queue-view'
import { makeNode, makePod } from './testing/builders'

const rejectedBy = (...plugins: string[]) => ({ unschedulablePlugins: plugins, pendingPlugins: [] })

/** Pops the pod and fails it with the given plugins at nowMs. */
function failOnce(q: SchedulingQueue, nowMs: number, ...plugins: string[]) {
  const p = popPod(q, nowMs)
  if (!p) throw new Error('empty activeQ')
  return { p, where: addUnschedulableIfNotPresent(q, p, rejectedBy(...plugins), nowMs) }
}

describe('scheduling queue', () => {
  it('pops by priority, then by timestamp (PrioritySort)', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('low').priority(1).obj(), 0)
    addPod(q, makePod('high-late').priority(10).obj(), 5)
    addPod(q, makePod('high-early').priority(10).obj(), 3)
    expect([popPod(q, 10), popPod(q, 10), popPod(q, 10)].map((p) => p?.pod.metadata?.name)).toEqual(
      ['high-early', 'high-late', 'low'],
    )
  })

  it('backs off 1 s, 2 s, 4 s, 8 s, then 10 s per attempt', () => {
    const q = createSchedulingQueue(0)
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDurationMs(q.config, a))).toEqual([
      1000, 2000, 4000, 8000, 10000, 10000,
    ])
    expect(backoffDurationMs(q.config, 0)).toBe(0)
  })

  it('a pod failed by an error (no rejector plugins) goes to backoffQ and returns at the next 1 s flush after expiry', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('p').obj(), 0)
    // attempt 1 fails at t=1500 → backoff 1 s → expires at 2500 → first flush tick ≥ 2500 is 3000
    const { where } = failOnce(q, 1500)
    expect(where).toBe('backoffQ')
    expect(listQueues(q).backoffQ[0]?.backoffExpiresAtMs).toBe(2500)
    expect(nextWakeupMs(q)).toBe(3000)
    tickQueue(q, 2999)
    expect(locatePod(q, 'uid-p')).toBe('backoffQ')
    expect(tickQueue(q, 3000).movedFromBackoff).toEqual(['uid-p'])
    expect(locatePod(q, 'uid-p')).toBe('activeQ')
    // attempt 2 fails at 3000 → backoff 2 s → 5000
    failOnce(q, 3000)
    expect(nextWakeupMs(q)).toBe(5000)
  })

  it('parks a rejected pod in unschedulablePods and flushes it after 5 minutes, on a 30 s tick', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('p').obj(), 0)
    // fails at t=10 s; moved once now - 10 s > 300 s, i.e. at the first 30 s tick after 310 s = 330 s
    expect(failOnce(q, 10_000, 'NodeResourcesFit').where).toBe('unschedulablePods')
    expect(nextWakeupMs(q)).toBe(330_000)
    tickQueue(q, 300_000)
    expect(locatePod(q, 'uid-p')).toBe('unschedulablePods')
    // backoff (1 s from 10 s) is long over, so it goes straight to activeQ
    expect(tickQueue(q, 330_000).movedFromUnschedulable).toEqual(['uid-p'])
    expect(locatePod(q, 'uid-p')).toBe('activeQ')
  })

  it('moves a pod back when an event its rejector cares about happens, honouring backoff', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('p').req({ cpu: '2' }).obj(), 0)
    failOnce(q, 0, 'NodeResourcesFit')
    // a small node does not help: NodeResourcesFit's hint says QueueSkip
    moveAllToActiveOrBackoffQueue(
      q,
      {
        resource: 'Node',
        action: 'Add',
        node: makeNode('small').capacity({ cpu: '1', pods: 10 }).obj(),
      },
      100,
    )
    expect(locatePod(q, 'uid-p')).toBe('unschedulablePods')
    // a big node helps; still backing off (expires at 1000) → backoffQ
    moveAllToActiveOrBackoffQueue(
      q,
      {
        resource: 'Node',
        action: 'Add',
        node: makeNode('big').capacity({ cpu: '4', pods: 10 }).obj(),
      },
      500,
    )
    expect(locatePod(q, 'uid-p')).toBe('backoffQ')
  })

  it('ignores events for plugins that did not reject the pod', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('p').obj(), 0)
    failOnce(q, 0, 'TaintToleration')
    moveAllToActiveOrBackoffQueue(
      q,
      { resource: 'AssignedPod', action: 'Delete', pod: makePod('x').node('n1').obj() },
      5000,
    )
    expect(locatePod(q, 'uid-p')).toBe('unschedulablePods')
  })

  it('replays events that arrived while the pod was in flight', () => {
    const q = createSchedulingQueue(0)
    addPod(q, makePod('p').obj(), 0)
    const p = popPod(q, 0)
    if (!p) throw new Error('no pod')
    moveAllToActiveOrBackoffQueue(
      q,
      {
        resource: 'Node',
        action: 'Add',
        node: makeNode('n').capacity({ cpu: '1', pods: 10 }).obj(),
      },
      10,
    )
    // the NodeAdd event makes NodeResourcesFit's rejection worth retrying → backoffQ
    expect(addUnschedulableIfNotPresent(q, p, rejectedBy('NodeResourcesFit'), 20)).toBe('backoffQ')
    expect(q.inFlightEvents).toEqual([])
  })

  it('holds gated pods until their scheduling gates are removed', () => {
    const q = createSchedulingQueue(0)
    const gated = makePod('g').obj()
    if (gated.spec) gated.spec.schedulingGates = [{ name: 'example.com/wait' }]
    addPod(q, gated, 0)
    expect(locatePod(q, 'uid-g')).toBe('unschedulablePods')
    expect(nextWakeupMs(q)).toBeUndefined()
    updatePod(q, gated, makePod('g').obj(), 50)
    expect(locatePod(q, 'uid-g')).toBe('activeQ')
  })
})
