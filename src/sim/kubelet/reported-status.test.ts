import { describe, expect, it } from 'vitest'
import type { PodStatus } from 'kubernetes-types/core/v1'
import { freezeShared } from '../core/share-clone'
import { adoptPod } from './reported-status'
import type { PodWorker } from './state'

describe('reported status', () => {
  it('keeps what it reported, sharing the parts the server’s copy says too', () => {
    const reported: PodStatus = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null as unknown as string }],
      podIPs: [{ ip: '10.244.1.2' }],
    }
    const worker = { reportedStatus: structuredClone(reported) } as unknown as PodWorker
    const server: PodStatus = freezeShared({
      podIPs: [{ ip: '10.244.1.2' }],
      conditions: [{ status: 'True', type: 'Ready' }],
      phase: 'Running',
    })
    adoptPod(worker, { status: server })
    const kept = worker.reportedStatus as PodStatus
    expect(kept).toEqual(reported)
    expect(kept.podIPs).toBe(server.podIPs)
    expect(kept.conditions).not.toBe(server.conditions)
    expect(worker.pod.status).toBe(server)
  })
})
