import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import { createSimulation } from '../../simulation'
import { BOOT_MS, PI_JOB_YAML, runningPods } from '../../testing/manifests'

describe('Job controller in the cluster', () => {
  const sim = createSimulation({ seed: 14 })
  sim.advance(BOOT_MS)
  // Pods that run for two minutes (perl's bpi(2000) ends after 6.5 s), so one can be deleted
  // while it runs.
  sim.kubectl(
    'apply -f -',
    PI_JOB_YAML.replace('perl:5.34.0', 'busybox:1.36')
      .replace('["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]', '["sh", "-c", "sleep 120"]')
      .replace('backoffLimit: 4', 'backoffLimit: 4\n  parallelism: 2\n  completions: 3'),
  )
  sim.runUntil((s) => runningPods(s).length === 2, 60_000)

  it('runs parallelism pods labelled for the Job, owned by it', () => {
    const pods = runningPods(sim)
    expect(pods).toHaveLength(2)
    const job = sim.snapshot().objects.find((o) => o.kind === 'Job') as Job
    for (const pod of pods) {
      expect(pod.metadata?.name).toMatch(/^pi-[a-z0-9]{5}$/)
      expect(pod.metadata?.labels).toMatchObject({
        'job-name': 'pi',
        'batch.kubernetes.io/job-name': 'pi',
      })
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'Job',
        name: 'pi',
        uid: job.metadata?.uid,
        controller: true,
      })
    }
  })

  it('reports it in status and in kubectl get jobs', () => {
    sim.advance(2_000)
    const job = sim.snapshot().objects.find((o) => o.kind === 'Job') as Job
    expect(job.status).toMatchObject({ active: 2, ready: 2, succeeded: 0, failed: 0 })
    expect(job.status?.startTime).toMatch(/^2025-01-01T/)
    expect(sim.kubectl('get jobs').output).toMatch(
      /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Running\s+0\/3\s+\d+s\s+\d+s$/,
    )
  })

  it('counts a pod deleted before it succeeded as failed, and replaces it after the 10 s back-off', () => {
    const victim = runningPods(sim)[0]?.metadata?.name ?? ''
    const deletedAt = sim.nowMs
    sim.kubectl(`delete pod ${victim} --now`)
    const replaced = sim.runUntil(
      (s) =>
        runningPods(s).length === 2 && !runningPods(s).some((p) => p.metadata?.name === victim),
      60_000,
    )
    expect(replaced).toBe(true)
    const created = sim.trace.filter(
      (e) =>
        e.type === 'KubeEventRecorded' && e.reason === 'SuccessfulCreate' && e.atMs > deletedAt,
    )
    expect(created).toHaveLength(1)
    // 10 s from the deletion as the API records it: whole seconds, so up to 1 s early.
    expect((created[0]?.atMs ?? 0) - deletedAt).toBeGreaterThanOrEqual(9_000)
    expect((created[0]?.atMs ?? 0) - deletedAt).toBeLessThan(12_000)
    const job = sim.snapshot().objects.find((o) => o.kind === 'Job') as Job
    expect(job.status).toMatchObject({ active: 2, failed: 1 })
  })
})
