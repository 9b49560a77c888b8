import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1'
import { freezeShared } from '../core/share-clone'
import { adoptPod, reportedStatusOf, setReportedStatus } from './reported-status'
import type { PodWorker } from './state'

const NULL_TIME = null as unknown as string

/** A condition as the kubelet writes it: Go's field order, the zero probe time as null. */
const kubeletCondition = (type: string, ok: boolean, reason?: string): PodCondition => ({
  type,
  status: ok ? 'True' : 'False',
  lastProbeTime: NULL_TIME,
  lastTransitionTime: '2025-01-01T00:01:05Z',
  ...(reason !== undefined ? { reason, message: 'containers with unready status: [web]' } : {}),
})

/** The same condition as the sim's server copy has it: no null time, keys in another order. */
const serverCondition = (c: PodCondition): PodCondition => {
  const { lastProbeTime: _null, ...rest } = c
  return Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))) as never
}

const workerOn = (server: PodStatus): PodWorker =>
  ({ pod: freezeShared({ status: server }), reportedStatus: {} }) as unknown as PodWorker

describe('reported status', () => {
  const reported: PodStatus = {
    phase: 'Running',
    conditions: [
      // The scheduler's condition as the server sent it first: no null time.
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:01:03Z' },
      kubeletCondition('Ready', true),
      kubeletCondition('ContainersReady', false, 'ContainersNotReady'),
    ],
    podIPs: [{ ip: '10.244.1.2' }],
  }

  it('gives back exactly what was reported, null probe times and their place included', () => {
    const worker = workerOn({})
    setReportedStatus(worker, structuredClone(reported))
    expect(JSON.stringify(reportedStatusOf(worker))).toBe(JSON.stringify(reported))
  })

  it('keeps the server’s objects for what the server’s copy says too', () => {
    const server: PodStatus = freezeShared({
      podIPs: [{ ip: '10.244.1.2' }],
      conditions: (reported.conditions ?? []).map(serverCondition),
      phase: 'Running',
    })
    const worker = workerOn({})
    setReportedStatus(worker, structuredClone(reported))
    adoptPod(worker, { status: server })
    const kept = worker.reportedStatus as PodStatus
    expect(kept.conditions).toBe(server.conditions)
    expect(kept.podIPs).toBe(server.podIPs)
    // The same values; the kubelet's own conditions in their order (a patch removing a reason
    // and message names them in that order), the rest in the server copy's key order.
    const back = reportedStatusOf(worker) as PodStatus
    expect(back).toEqual(reported)
    expect(JSON.stringify(back.conditions?.slice(1))).toBe(
      JSON.stringify(reported.conditions?.slice(1)),
    )
    expect(worker.pod.status).toBe(server)
  })

  it('round-trips any conditions, with or without null probe times (property)', () => {
    const condition = fc.record({
      type: fc.constantFrom('PodScheduled', 'Initialized', 'Ready', 'ContainersReady'),
      ok: fc.boolean(),
      reason: fc.option(fc.constant('ContainersNotReady'), { nil: undefined }),
      fromServer: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(condition, { maxLength: 6 }), fc.boolean(), (specs, shareAll) => {
        const conditions = specs.map((s) => {
          const c = kubeletCondition(s.type, s.ok, s.reason)
          return s.fromServer ? serverCondition(c) : c
        })
        const status: PodStatus = { phase: 'Pending', conditions }
        const worker = workerOn(
          shareAll ? { phase: 'Pending', conditions: conditions.map(serverCondition) } : {},
        )
        setReportedStatus(worker, structuredClone(status))
        expect(JSON.stringify(reportedStatusOf(worker))).toBe(JSON.stringify(status))
        adoptPod(worker, worker.pod)
        expect(JSON.stringify(reportedStatusOf(worker))).toBe(JSON.stringify(status))
      }),
      { numRuns: 300 },
    )
  })
})
