import { describe, expect, it } from 'vitest'
import type { SimEvent } from './events'
import { createSimulation } from './simulation'
import { BOOT_MS, makePodManifest, podsOf } from './testing/manifests'

type Sent = Extract<SimEvent, { type: 'MessageSent' }>

function podFlow(trace: readonly SimEvent[], name: string, from: number): Sent[] {
  return trace
    .slice(from)
    .filter(
      (e): e is Sent => e.type === 'MessageSent' && e.step !== undefined && e.about?.name === name,
    )
}

describe('starting a Pod: the course request flow', () => {
  const sim = createSimulation({ seed: 42 })
  sim.advance(BOOT_MS)
  const from = sim.trace.length
  const result = sim.kubectl('apply -f -', makePodManifest('web').yaml())
  sim.runUntil((s) => podsOf(s)[0]?.status?.phase === 'Running', 30_000)
  const flow = podFlow(sim.trace, 'web', from)
  const pod = podsOf(sim)[0]
  const node = pod?.spec?.nodeName ?? ''

  it('kubectl reports the Pod created and it reaches Running on a node', () => {
    expect(result).toEqual({ exitCode: 0, output: 'pod/web created' })
    expect(pod?.status?.phase).toBe('Running')
    expect(node).toMatch(/^node-\d$/)
  })

  it('goes through the six steps, each first seen in order 1 → 6', () => {
    const firstSeen: number[] = []
    for (const e of flow)
      if (e.step !== undefined && !firstSeen.includes(e.step)) firstSeen.push(e.step)
    expect(firstSeen).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('makes each hop between the components the course names', () => {
    const hops = (step: number) =>
      new Set(flow.filter((e) => e.step === step).map((e) => `${e.from} → ${e.to}`))
    expect(hops(1)).toContain('kubectl → kube-apiserver')
    expect(hops(2)).toContain('kube-apiserver → etcd-1')
    expect(hops(2)).toContain('kube-apiserver → kubectl') // 201 Created after the etcd write
    expect(hops(3)).toContain('kube-apiserver → kube-scheduler') // watch: an unbound Pod
    expect(hops(3)).toContain('kube-scheduler → kube-apiserver') // POST binding
    expect(hops(3)).toContain('kube-apiserver → etcd-1')
    expect(hops(4)).toEqual(new Set([`kube-apiserver → kubelet/${node}`]))
    expect(hops(5)).toContain(`kubelet/${node} → container-runtime/${node}`)
    expect(hops(5)).toContain(`container-runtime/${node} → kubelet/${node}`)
    expect(hops(6)).toContain(`kubelet/${node} → kube-apiserver`)
    expect(hops(6)).toContain('kube-apiserver → etcd-1')
  })

  it('writes to etcd only from the API server (besides the members themselves)', () => {
    const toEtcd = sim.trace.filter(
      (e): e is Sent => e.type === 'MessageSent' && e.to.startsWith('etcd'),
    )
    const outside = toEtcd.filter((e) => !e.from.startsWith('etcd-'))
    expect(new Set(outside.map((e) => e.from))).toEqual(new Set(['kube-apiserver']))
  })

  it("replicates the Pod's write through Raft as part of step 2", () => {
    const raft = sim.trace.filter(
      (e): e is Sent =>
        e.type === 'MessageSent' && e.from.startsWith('etcd-') && e.to.startsWith('etcd-'),
    )
    const podWrite = raft.filter((e) => e.step === 2 && e.about?.kind === 'Pod')
    expect(podWrite.some((e) => e.label.startsWith('MsgApp'))).toBe(true)
    expect(podWrite.some((e) => e.label.startsWith('MsgAppResp'))).toBe(true)
  })

  it('reports Running (step 6) only after the container runtime started the container (step 5)', () => {
    const lastRuntimeCall = flow.filter((e) => e.step === 5).at(-1)
    const runningPatch = flow.find((e) => e.step === 6 && e.label.includes('(Running)'))
    expect(runningPatch).toBeDefined()
    expect(lastRuntimeCall?.label).toBe('StartContainer done')
    expect(runningPatch?.seq ?? 0).toBeGreaterThan(lastRuntimeCall?.seq ?? Infinity)
  })

  it('records the Kubernetes events kubectl describe would show, in order', () => {
    const reasons = sim.trace
      .filter((e) => e.type === 'KubeEventRecorded' && e.about.name === 'web')
      .map((e) => (e as { reason: string }).reason)
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'])
  })
})
