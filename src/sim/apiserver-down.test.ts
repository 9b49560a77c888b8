import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'
import { BOOT_MS, makeDeploymentManifest, podsOf, runningPods } from './testing/manifests'

const REFUSED =
  'The connection to the server control-plane:6443 was refused - did you specify the right host or port?'

describe('the API server is down, the Pods keep running', () => {
  const sim = createSimulation({ seed: 6 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 3))
  sim.runUntil((s) => runningPods(s).length === 3, 60_000)
  sim.advance(10_000)
  const before = runningPods(sim).map((p) => p.metadata?.uid)
  const from = sim.trace.length
  const stoppedAt = sim.nowMs
  sim.dispatch({ type: 'stopComponent', id: 'kube-apiserver' })
  sim.advance(1_000)

  it('kubectl fails the way v1.32 does with a warm discovery cache', () => {
    expect(sim.kubectl('get pods')).toEqual({ exitCode: 1, output: REFUSED })
    expect(sim.kubectl('describe deployment web')).toEqual({ exitCode: 1, output: REFUSED })
    expect(sim.kubectl('scale deployment web --replicas=5').output).toBe(
      'error: no objects passed to scale Get "https://control-plane:6443/apis/apps/v1/namespaces/default/deployments/web": dial tcp control-plane:6443: connect: connection refused',
    )
    expect(sim.kubectl('apply -f -', makeDeploymentManifest('web', 4)).output).toBe(
      'error: error validating "STDIN": error validating data: failed to download openapi: Get "https://control-plane:6443/openapi/v2?timeout=32s": dial tcp control-plane:6443: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false',
    )
    expect(sim.kubectl('create deployment api --image=nginx').output).toBe(
      'error: failed to create deployment: Post "https://control-plane:6443/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict": dial tcp control-plane:6443: connect: connection refused',
    )
  })

  it('controllers and kubelets get connection refused; containers are not stopped', () => {
    sim.advance(90_000)
    const during = sim.trace.slice(from)
    const refused = during.filter(
      (e) => e.type === 'MessageSent' && e.from === 'kube-apiserver' && e.label.includes('refused'),
    )
    const refusedTo = new Set(refused.map((e) => (e.type === 'MessageSent' ? e.to : '')))
    expect(refusedTo).toContain('kube-controller-manager')
    expect(refusedTo).toContain('kubelet/node-1')
    const stops = during.filter(
      (e) => e.type === 'MessageSent' && /^(StopContainer|StopPodSandbox)/.test(e.label),
    )
    expect(stops).toEqual([])
    const scheduled = during.filter(
      (e) => e.type === 'KubeEventRecorded' && e.reason === 'Scheduled',
    )
    expect(scheduled).toEqual([])
  })

  it('on restart everything resyncs: same Pods Running, nodes Ready, Leases renewed, work resumes', () => {
    sim.dispatch({ type: 'startComponent', id: 'kube-apiserver' })
    const restartedAt = sim.nowMs
    sim.advance(30_000)
    const pods = runningPods(sim)
    expect(pods.map((p) => p.metadata?.uid).sort()).toEqual([...before].sort())
    expect(sim.kubectl('get pods').output).toMatch(/(web-\S+\s+1\/1\s+Running\s+0\s+\S+\n?){3}/)
    expect(sim.kubectl('get nodes').output).not.toContain('NotReady')
    const renewals = sim.trace.filter(
      (e) =>
        e.type === 'MessageSent' &&
        e.atMs > restartedAt &&
        /^PUT leases\/node-\d \(renew\)$/.test(e.label),
    )
    expect(new Set(renewals.map((e) => (e.type === 'MessageSent' ? e.from : ''))).size).toBe(3)
    expect(sim.kubectl('scale deployment web --replicas=4').output).toBe(
      'deployment.apps/web scaled',
    )
    expect(sim.runUntil((s) => runningPods(s).length === 4 && podsOf(s).length === 4, 60_000)).toBe(
      true,
    )
    expect(sim.nowMs - stoppedAt).toBeGreaterThan(120_000)
  })
})

describe('a node or a kubelet alone can be stopped', () => {
  it('a stopped kubelet leaves its containers running; its node goes NotReady', () => {
    const sim = createSimulation({ seed: 8 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeDeploymentManifest('web', 3))
    sim.runUntil((s) => runningPods(s).length === 3, 60_000)
    const from = sim.trace.length
    sim.dispatch({ type: 'stopComponent', id: 'kubelet/node-2' })
    sim.advance(70_000)
    expect(sim.kubectl('get node node-2').output).toMatch(/node-2\s+NotReady\s/)
    const stops = sim.trace
      .slice(from)
      .filter((e) => e.type === 'MessageSent' && e.label.startsWith('StopContainer'))
    expect(stops).toEqual([])
    sim.dispatch({ type: 'startComponent', id: 'kubelet/node-2' })
    sim.advance(15_000)
    expect(sim.kubectl('get node node-2').output).toMatch(/node-2\s+Ready\s/)
  })

  it('a stopped node is powered off: its kubelet and runtime stop, and it comes back on start', () => {
    const sim = createSimulation({ seed: 9 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'stopNode', node: 'node-3' })
    expect(sim.components().filter((c) => c.host === 'node-3' && c.running)).toEqual([])
    sim.advance(70_000)
    expect(sim.kubectl('get node node-3').output).toMatch(/node-3\s+NotReady\s/)
    sim.dispatch({ type: 'startNode', node: 'node-3' })
    sim.advance(20_000)
    expect(sim.components().filter((c) => c.host === 'node-3' && !c.running)).toEqual([])
    expect(sim.kubectl('get node node-3').output).toMatch(/node-3\s+Ready\s/)
  })
})
