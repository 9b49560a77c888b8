import type { Container, Event, Pod } from 'kubernetes-types/core/v1'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { rfc3339ToSimTime } from '../core/time'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, podsOf } from '../testing/manifests'

// Each test below simulates minutes of a cluster: seconds of CPU on a loaded machine.
const SIMULATES_MINUTES = { timeout: 60_000 }

const podManifest = (name: string, container: Container) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [container] },
  })

const podNamed = (sim: Simulation, name: string): Pod | undefined =>
  podsOf(sim).find((p) => p.metadata?.name === name)

/** The Pod's events, oldest first, with the time each was last seen (sim ms). */
function eventsOf(
  sim: Simulation,
  pod: string,
): { reason: string; message: string; atMs: number }[] {
  return (sim.snapshot().objects as unknown as Event[])
    .filter((e) => e.kind === 'Event' && e.involvedObject.name === pod)
    .map((e) => ({
      reason: e.reason ?? '',
      message: e.message ?? '',
      atMs: rfc3339ToSimTime(e.firstTimestamp ?? '') ?? 0,
    }))
    .sort((a, b) => a.atMs - b.atMs)
}

function startedAtMs(sim: Simulation, pod: string): number {
  const state = podNamed(sim, pod)?.status?.containerStatuses?.[0]?.state
  return rfc3339ToSimTime(state?.running?.startedAt ?? '') ?? NaN
}

describe("kubernetes.io's liveness exec example", () => {
  // https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
  const sim = createSimulation({ seed: 21, nodes: 1 })
  sim.advance(BOOT_MS)
  sim.kubectl(
    'apply -f -',
    podManifest('liveness-exec', {
      name: 'liveness',
      image: 'registry.k8s.io/busybox:1.27.2',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: {
        exec: { command: ['cat', '/tmp/healthy'] },
        initialDelaySeconds: 5,
        periodSeconds: 5,
      },
    }),
  )
  sim.runUntil((s) => !Number.isNaN(startedAtMs(s, 'liveness-exec')), 60_000)
  const started = startedAtMs(sim, 'liveness-exec')
  sim.runUntil(
    (s) => (podNamed(s, 'liveness-exec')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
    120_000,
  )

  it('fails the probe once the file is gone, three times, then kills the container', () => {
    const events = eventsOf(sim, 'liveness-exec')
    const unhealthy = events.find((e) => e.reason === 'Unhealthy')
    expect(unhealthy?.message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    )
    const killing = events.find((e) => e.reason === 'Killing')
    expect(killing?.message).toBe('Container liveness failed liveness probe, will be restarted')
    // The file goes at 30 s; probes every 5 s fail from the first one after that; the third
    // failure (failureThreshold 3) kills: between 40 and 45 s after the start (period 5 s).
    const killedAfterS = ((killing?.atMs ?? 0) - started) / 1000
    expect(killedAfterS).toBeGreaterThanOrEqual(40)
    expect(killedAfterS).toBeLessThan(46)
  })

  it('sh ignores SIGTERM as PID 1, so the kill takes the 30 s grace period (exit 137)', () => {
    const status = podNamed(sim, 'liveness-exec')?.status?.containerStatuses?.[0]
    expect(status?.restartCount).toBe(1)
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' })
    const killing = eventsOf(sim, 'liveness-exec').find((e) => e.reason === 'Killing')
    const finished = rfc3339ToSimTime(status?.lastState?.terminated?.finishedAt ?? '') ?? 0
    expect(Math.round((finished - (killing?.atMs ?? 0)) / 1000)).toBe(30)
  })
})

describe('startup probes', SIMULATES_MINUTES, () => {
  it('hold liveness off until the app has started, then liveness takes over', () => {
    const sim = createSimulation({ seed: 22, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      podManifest('slow-start', {
        name: 'app',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 25; touch /tmp/started; sleep 3600'],
        startupProbe: {
          exec: { command: ['cat', '/tmp/started'] },
          periodSeconds: 5,
          failureThreshold: 10,
        },
        livenessProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5 },
      }),
    )
    sim.advance(120_000)
    const events = eventsOf(sim, 'slow-start')
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy').map((e) => e.message)
    // Startup fails while the file is missing (fewer than failureThreshold times); liveness
    // is never run during that time, so it never fails.
    expect(unhealthy.length).toBeGreaterThan(0)
    expect(unhealthy.every((m) => m.startsWith('Startup probe failed: cat:'))).toBe(true)
    expect(events.some((e) => e.reason === 'Killing')).toBe(false)
    const status = podNamed(sim, 'slow-start')?.status?.containerStatuses?.[0]
    expect(status).toMatchObject({ started: true, ready: true, restartCount: 0 })
    // Not Ready before the startup probe saw the file (25 s after the start, probed every 5 s).
    const ready = podNamed(sim, 'slow-start')?.status?.conditions?.find((c) => c.type === 'Ready')
    const readyAfterS =
      ((rfc3339ToSimTime(ready?.lastTransitionTime ?? '') ?? 0) - startedAtMs(sim, 'slow-start')) /
      1000
    expect(readyAfterS).toBeGreaterThanOrEqual(25)
    expect(readyAfterS).toBeLessThanOrEqual(31)
  })

  it('kill the container after failureThreshold failures', () => {
    const sim = createSimulation({ seed: 23, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      podManifest('never-starts', {
        name: 'app',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 3600'],
        startupProbe: {
          exec: { command: ['cat', '/tmp/started'] },
          periodSeconds: 5,
          failureThreshold: 3,
        },
      }),
    )
    sim.runUntil((s) => eventsOf(s, 'never-starts').some((e) => e.reason === 'Killing'), 60_000)
    const killing = eventsOf(sim, 'never-starts').find((e) => e.reason === 'Killing')
    expect(killing?.message).toBe('Container app failed startup probe, will be restarted')
    expect(podNamed(sim, 'never-starts')?.status?.containerStatuses?.[0]?.started).toBe(false)
  })
})

describe('readiness probes', SIMULATES_MINUTES, () => {
  it('keep the Pod Running but not Ready while they fail, with the HTTP status in the event', () => {
    const sim = createSimulation({ seed: 24, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      podManifest('not-ready', {
        name: 'web',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 },
      }),
    )
    sim.advance(60_000)
    const pod = podNamed(sim, 'not-ready')
    expect(pod?.status?.phase).toBe('Running')
    expect(pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False')
    expect(sim.kubectl('get pod not-ready').output).toMatch(/not-ready\s+0\/1\s+Running\s+0\s/)
    const unhealthy = eventsOf(sim, 'not-ready').find((e) => e.reason === 'Unhealthy')
    expect(unhealthy?.message).toBe(
      'Readiness probe failed: HTTP probe failed with statuscode: 404',
    )
  })
})
