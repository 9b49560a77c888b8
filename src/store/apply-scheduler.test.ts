import { describe, expect, it } from 'vitest'
import type { DecisionRecord, PodRecord, QueueRecord } from '../protocol/records'
import { KEPT_DECISIONS, reduceScheduler } from './apply-scheduler'

const decision = (seq: number, pod: string, selectedNode: string | null): DecisionRecord =>
  ({ seq, pod, selectedNode }) as DecisionRecord
const pendingPod = (name: string): PodRecord =>
  ({ name, namespace: 'default', node: '' }) as PodRecord
const queue = { lengths: { activeQ: 1 } } as QueueRecord

describe('reduceScheduler', () => {
  it('appends new decisions in order and takes the queue when sent', () => {
    const first = reduceScheduler(
      { decisions: [] },
      { replace: false, decisions: [decision(1, 'default/a', 'node-1')], queue },
      {},
    )
    expect(first.schedulerQueue).toBe(queue)
    const second = reduceScheduler(
      { decisions: first.decisions ?? [], schedulerQueue: queue },
      { replace: false, decisions: [decision(2, 'default/b', null)] },
      {},
    )
    expect(second.decisions?.map((d) => d.seq)).toEqual([1, 2])
    expect(second.schedulerQueue).toBeUndefined()
  })

  it('replaces everything on a reset frame', () => {
    const next = reduceScheduler(
      { decisions: [decision(5, 'default/a', 'node-1')], schedulerQueue: queue },
      { replace: true, decisions: [decision(2, 'default/a', null)] },
      {},
    )
    expect(next.decisions?.map((d) => d.seq)).toEqual([2])
    expect(next).toHaveProperty('schedulerQueue', undefined)
  })

  it(`keeps the last ${KEPT_DECISIONS}, and a Pending pod's latest decision however old`, () => {
    const many = Array.from({ length: KEPT_DECISIONS + 20 }, (_, i) =>
      decision(i + 2, `default/p${i}`, 'node-1'),
    )
    const next = reduceScheduler(
      { decisions: [decision(1, 'default/stuck', null)] },
      { replace: false, decisions: many },
      { stuck: pendingPod('stuck') },
    )
    expect(next.decisions?.length).toBe(KEPT_DECISIONS + 1)
    expect(next.decisions?.[0]?.pod).toBe('default/stuck')
  })

  it("keeps the newest whole decision and the picked Pod's latest among scale mode's headlines", () => {
    const whole = decision(1, 'default/shown', 'node-1')
    const picked = { ...decision(2, 'default/picked', 'node-2'), brief: true as const }
    const headlines = Array.from({ length: KEPT_DECISIONS + 5 }, (_, i) => ({
      ...decision(i + 3, `default/h${String(i)}`, 'node-1'),
      brief: true as const,
    }))
    const next = reduceScheduler(
      { decisions: [whole, picked], decisionPod: 'default/picked' },
      { replace: false, decisions: headlines },
      {},
    )
    expect(next.decisions?.slice(0, 2)).toEqual([whole, picked])
    expect(next.decisions).toHaveLength(KEPT_DECISIONS + 2)
  })
})
