import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS, makeReplicaSetManifest, podsOf, runningPods } from '../../testing/manifests'

describe('ReplicaSet controller (self-healing)', () => {
  const sim = createSimulation({ seed: 3 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeReplicaSetManifest('web', 3))
  const readyReplicas = (s: typeof sim) =>
    (
      s.snapshot().objects.find((o) => o.kind === 'ReplicaSet')?.['status'] as
        { readyReplicas?: number } | undefined
    )?.readyReplicas
  sim.runUntil((s) => runningPods(s).length === 3 && readyReplicas(s) === 3, 30_000)

  it('creates three Pods owned by the ReplicaSet and gets them Running', () => {
    const pods = runningPods(sim)
    expect(pods).toHaveLength(3)
    for (const pod of pods) {
      expect(pod.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: 'web',
        controller: true,
      })
    }
    expect(sim.kubectl('get rs web').output).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb\s+3\s+3\s+3\s+\d+s$/,
    )
  })

  it('creates them in slow-start batches of 1 then 2', () => {
    const creates = sim.trace.filter(
      (e) => e.type === 'MessageSent' && e.label === 'POST pods (ReplicaSet web)',
    )
    expect(creates).toHaveLength(3)
    expect(creates[0]?.atMs).toBeLessThan(creates[1]?.atMs ?? 0)
    expect(creates[1]?.atMs).toBe(creates[2]?.atMs)
  })

  it('replaces a deleted Pod', () => {
    const victim = runningPods(sim)[0]?.metadata?.name ?? ''
    expect(sim.kubectl(`delete pod ${victim}`).output).toBe(`pod "${victim}" deleted`)
    sim.runUntil(
      (s) => runningPods(s).length === 3 && !podsOf(s).some((p) => p.metadata?.name === victim),
      60_000,
    )
    const names = runningPods(sim).map((p) => p.metadata?.name)
    expect(names).toHaveLength(3)
    expect(names).not.toContain(victim)
    const created = sim.trace.filter(
      (e) => e.type === 'KubeEventRecorded' && e.reason === 'SuccessfulCreate',
    )
    expect(created).toHaveLength(4)
  })

  it('scales down by deleting the surplus and back up again', () => {
    expect(sim.kubectl('scale rs web --replicas=1').output).toBe('replicaset.apps/web scaled')
    sim.runUntil((s) => podsOf(s).length === 1, 60_000)
    expect(runningPods(sim)).toHaveLength(1)
    sim.kubectl('scale rs web --replicas=2')
    sim.runUntil((s) => runningPods(s).length === 2, 60_000)
    expect(runningPods(sim)).toHaveLength(2)
  })

  it('deletes the Pods with the ReplicaSet (garbage collection)', () => {
    expect(sim.kubectl('delete rs web').output).toBe('replicaset.apps "web" deleted')
    sim.runUntil((s) => podsOf(s).length === 0, 60_000)
    expect(podsOf(sim)).toHaveLength(0)
  })
})

describe('kube-controller-manager restart', () => {
  it('reconciles what changed while it was down, even when stopped mid-sync', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeReplicaSetManifest('web', 3))
    sim.runUntil((s) => runningPods(s).length === 3, 30_000)
    // Delete one and stop the controller manager the instant it has created the replacement,
    // while it still has work queued.
    const creates = () =>
      sim.trace.filter((e) => e.type === 'KubeEventRecorded' && e.reason === 'SuccessfulCreate')
        .length
    const before = creates()
    sim.kubectl(`delete pod ${runningPods(sim)[0]?.metadata?.name ?? ''}`)
    sim.runUntil(() => creates() > before, 30_000)
    sim.dispatch({ type: 'stopComponent', id: 'kube-controller-manager' })
    sim.kubectl(`delete pod ${runningPods(sim)[0]?.metadata?.name ?? ''}`)
    sim.advance(20_000)
    expect(podsOf(sim)).toHaveLength(2)
    sim.dispatch({ type: 'startComponent', id: 'kube-controller-manager' })
    expect(sim.runUntil((s) => runningPods(s).length === 3, 30_000)).toBe(true)
  })
})

describe('ReplicaSet status', () => {
  it('counts as fully labeled only Pods with every label of the template, not just the selector', () => {
    // calculateStatus (replica_set_utils.go v1.32) matches Pods against the template's labels.
    const sim = createSimulation({ seed: 5 })
    sim.advance(BOOT_MS)
    const manifest = makeReplicaSetManifest('web', 3).replace(
      /template:\n(\s+)metadata:\n(\s+)labels:\n(\s+)app: web/,
      'template:\n$1metadata:\n$2labels:\n$3app: web\n$3tier: front',
    )
    expect(manifest).toContain('tier: front')
    sim.kubectl('apply -f -', manifest)
    const status = () =>
      sim.snapshot().objects.find((o) => o.kind === 'ReplicaSet')?.['status'] as
        { replicas?: number; fullyLabeledReplicas?: number } | undefined
    sim.runUntil(
      () => status()?.fullyLabeledReplicas === 3 && runningPods(sim).length === 3,
      30_000,
    )
    const pod = runningPods(sim)[0]?.metadata?.name ?? ''
    // Still selected (app: web), no longer the template's tier.
    expect(sim.kubectl(`label pod ${pod} tier=back --overwrite`).output).toBe(`pod/${pod} labeled`)
    expect(sim.runUntil(() => status()?.fullyLabeledReplicas === 2, 30_000)).toBe(true)
    expect(status()?.replicas).toBe(3)
  })
})

describe('a ReplicaSet whose creates fail', () => {
  // processNextWorkItem (replica_set.go v1.32): a sync whose creates failed is retried with
  // AddRateLimited until they succeed; each failure is a FailedCreate event on the ReplicaSet.
  const sim = createSimulation({ seed: 7 })
  sim.advance(BOOT_MS)
  const manifest = makeReplicaSetManifest('web', 2).replace(
    /(\n\s+)containers:/,
    '$1serviceAccountName: robot$1containers:',
  )
  sim.kubectl('apply -f -', manifest)
  sim.advance(10_000)
  const failures = sim.trace.filter(
    (e) => e.type === 'KubeEventRecorded' && e.reason === 'FailedCreate',
  )

  it('records FailedCreate with the API server’s message and keeps trying', () => {
    expect(manifest).toContain('serviceAccountName: robot')
    expect(podsOf(sim)).toHaveLength(0)
    // Retried with back-off 5 ms, 10 ms, 20 ms … (ItemExponentialFailureRateLimiter): about a
    // dozen tries in 10 s, not one and not hundreds.
    expect(failures.length).toBeGreaterThan(5)
    expect(failures.length).toBeLessThan(40)
    expect(failures[0]).toMatchObject({
      type: 'KubeEventRecorded',
      eventType: 'Warning',
      message:
        'Error creating: pods "web-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    })
  })

  it('creates its Pods once the cause is fixed, without any other change to wake it', () => {
    sim.kubectl('create serviceaccount robot')
    // The back-off has grown to seconds by now: the next retry finds the ServiceAccount.
    expect(sim.runUntil((s) => runningPods(s).length === 2, 120_000)).toBe(true)
  })
})
