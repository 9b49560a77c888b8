import fc from 'fast-check'
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { AnyActor } from '../cluster'
import { freezeShared } from '../core/share-clone'
import { createSimulation } from '../simulation'
import { BOOT_MS, makeDeploymentManifest, runningPods } from '../testing/manifests'
import { adoptInto } from './reported-status'
import {
  expandSettled,
  isSettled,
  settledFormOf,
  settleTouched,
  workerOf,
  type SettledPod,
} from './settled-pod'
import type { ContainerProgress, KubeletState, PodWorker } from './state'

// The cluster test below simulates minutes: seconds of CPU on a loaded machine.
const SIMULATES_MINUTES = { timeout: 120_000 }

const containerArb = fc.record({
  image: fc.constantFrom('nginx:1.27', 'busybox', 'registry.k8s.io/pause:3.10', 'app@sha256:ab'),
  pullPolicy: fc.option(fc.constantFrom('Always', 'IfNotPresent', 'Never'), { nil: undefined }),
  id: fc.stringMatching(/^[0-9a-f]{64}$/),
  startedAtMs: fc.nat(),
})

/** A Pod the server sent (frozen) and its worker at rest: every container running since its start. */
const atRestArb = fc
  .record({
    containers: fc.array(containerArb, { minLength: 1, maxLength: 3 }),
    podIp: fc.option(fc.constantFrom('10.244.1.2', '10.0.0.11'), { nil: undefined }),
    startTimeMs: fc.nat(),
    ownStatus: fc.boolean(),
    nullProbeTimes: fc.nat(31),
    files: fc.boolean(),
  })
  .map(({ containers, podIp, startTimeMs, ownStatus, nullProbeTimes, files }) => {
    const specs: Container[] = containers.map((c, i) => ({
      name: `c${i}`,
      image: c.image,
      ...(c.pullPolicy !== undefined ? { imagePullPolicy: c.pullPolicy } : {}),
    }))
    const pod = freezeShared({
      metadata: { name: 'web-0', namespace: 'default', uid: 'u-1' },
      spec: { containers: specs },
      status: { phase: 'Running' },
    }) as Pod
    const worker: PodWorker = {
      uid: 'u-1',
      namespace: 'default',
      name: 'web-0',
      stage: 'running',
      containerIndex: containers.length,
      containers: containers.map((c, i): ContainerProgress => ({
        name: `c${i}`,
        image: c.image,
        pullPolicy:
          c.pullPolicy ??
          (c.image.includes('@') || /:[^/]+$/.test(c.image) ? 'IfNotPresent' : 'Always'),
        state: 'running',
        starting: false,
        imagePulled: true,
        id: c.id,
        restarting: false,
        startedAtMs: c.startedAtMs,
      })),
      startTimeMs,
      pod,
      reportedStatus: ownStatus ? { phase: 'Pending' } : pod.status,
      nullProbeTimes,
    }
    if (podIp !== undefined) worker.podIp = podIp
    if (files) worker.files = freezeShared({ volumes: [], env: {} })
    return worker
  })

/** Changes that leave a container (or the Pod) not at rest: each must keep the worker whole. */
const unrest: ((w: PodWorker, c: ContainerProgress) => void)[] = [
  (w) => (w.stage = 'containers'),
  (w) => (w.stage = 'terminating'),
  (w) => (w.containerIndex = 0),
  (w) => (w.volumeAttempt = 1),
  (_, c) => (c.starting = true),
  (_, c) => (c.restarting = true),
  (_, c) => (c.restartCount = 1),
  (_, c) => (c.state = 'terminated'),
  (_, c) => (c.waiting = { reason: 'CrashLoopBackOff' }),
  (_, c) => (c.probes = { Readiness: { successes: 0, failures: 0, onHold: false } }),
  (_, c) => (c.image = 'nginx:1.28'),
  (_, c) =>
    (c.lastTerminated = {
      exitCode: 1,
      reason: 'Error',
      startedAtMs: 1,
      finishedAtMs: 2,
      containerId: 'x',
    }),
]

describe('a settled Pod', () => {
  it('expands to the very worker it was settled from (property)', () => {
    fc.assert(
      fc.property(atRestArb, (worker) => {
        const settled = settledFormOf(worker)
        expect(settled).toBeDefined()
        expect(Object.isFrozen(settled)).toBe(true)
        expect(expandSettled(settled as SettledPod)).toEqual(worker)
      }),
    )
  })

  it('is not made of a worker with anything in progress (property)', () => {
    fc.assert(
      fc.property(atRestArb, fc.nat(unrest.length - 1), (worker, which) => {
        const c = worker.containers[0] as ContainerProgress
        unrest[which]?.(worker, c)
        expect(settledFormOf(worker)).toBeUndefined()
      }),
    )
  })

  it('takes a newer copy of its Pod, sharing the status reported when the server says the same', () => {
    fc.assert(
      fc.property(atRestArb, (worker) => {
        const state = { workers: {} } as unknown as KubeletState
        state.workers['u-1'] = settledFormOf(worker) as SettledPod
        const newer = freezeShared({ ...worker.pod, status: { phase: 'Running' } }) as Pod
        adoptInto(state, 'u-1', newer)
        const entry = state.workers['u-1']
        expect(isSettled(entry)).toBe(true)
        expect(entry.pod).toBe(newer)
        const reported = expandSettled(entry).reportedStatus
        // The server's copy where the Pod's own status was the one reported; else its own.
        const shared = worker.reportedStatus === worker.pod.status
        expect(reported === newer.status).toBe(shared)
        expect(reported).toEqual(shared ? newer.status : { phase: 'Pending' })
        // A new image is the worker's business: the Pod is expanded to adopt it.
        const image = { ...newer.spec?.containers[0], image: 'nginx:1.28' } as Container
        const updated = freezeShared({
          ...newer,
          spec: { containers: [image, ...(newer.spec?.containers.slice(1) ?? [])] },
        }) as Pod
        adoptInto(state, 'u-1', updated)
        expect(isSettled(state.workers['u-1'])).toBe(false)
        settleTouched(state)
        expect(isSettled(state.workers['u-1'])).toBe(false)
      }),
    )
  })

  it('is expanded in place by workerOf and settled again when the handler ends', () => {
    const worker = fc.sample(atRestArb, { seed: 1, numRuns: 1 })[0] as PodWorker
    const state = { workers: {} } as unknown as KubeletState
    state.workers['u-1'] = settledFormOf(worker) as SettledPod
    const live = workerOf(state, 'u-1')
    expect(live).toEqual(worker)
    expect(state.workers['u-1']).toBe(live)
    expect(workerOf(state, 'u-1')).toBe(live)
    settleTouched(state)
    expect(isSettled(state.workers['u-1'])).toBe(true)
    expect(state.touched).toEqual([])
  })
})

describe('settled Pods in a cluster', () => {
  it(
    'are every running Pod at rest; checkpoints share them; a seek and a deletion work on them',
    SIMULATES_MINUTES,
    () => {
      const sim = createSimulation({ seed: 21, nodes: 2, checkpointIntervalMs: 20_000 })
      sim.advance(BOOT_MS)
      sim.kubectl('apply -f -', makeDeploymentManifest('web', 6))
      sim.advance(60_000)
      expect(runningPods(sim)).toHaveLength(6)
      const internals = sim as unknown as {
        kernel: { actors: Record<string, AnyActor> }
        checkpoints: { kernel: { actors: Record<string, AnyActor> } }[]
      }
      const entries = (actors: Record<string, AnyActor>) =>
        Object.values(actors).flatMap((a) => (a.kind === 'kubelet' ? Object.values(a.workers) : []))
      const live = entries(internals.kernel.actors).filter(
        (w) => (w as SettledPod).pod.metadata?.name?.startsWith('web') === true,
      )
      expect(live).toHaveLength(6)
      expect(live.every((w) => isSettled(w) && Object.isFrozen(w))).toBe(true)
      sim.advance(20_000)
      const checkpoint = internals.checkpoints.at(-1)
      const kept = new Set(checkpoint ? entries(checkpoint.kernel.actors) : [])
      expect(live.every((w) => kept.has(w))).toBe(true)
      const before = JSON.stringify(runningPods(sim))
      sim.seekTo(BOOT_MS + 30_000)
      sim.seekTo(BOOT_MS + 80_000)
      expect(JSON.stringify(runningPods(sim))).toBe(before)
      sim.kubectl('delete deployment web')
      sim.advance(60_000)
      expect(runningPods(sim).filter((p) => p.metadata?.name?.startsWith('web'))).toEqual([])
      expect(sim.containers().filter((c) => c.name === 'web')).toEqual([])
    },
  )
})
