import type { Pod } from 'kubernetes-types/core/v1'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { rfc3339ToSimTime } from '../core/time'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, podsOf } from '../testing/manifests'

// Each test below simulates minutes of a cluster: seconds of CPU on a loaded machine.
const SIMULATES_MINUTES = { timeout: 60_000 }

const crashingPod = (name: string, script: string, restartPolicy?: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      ...(restartPolicy ? { restartPolicy } : {}),
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script] }],
    },
  })

const podNamed = (sim: Simulation, name: string): Pod | undefined =>
  podsOf(sim).find((p) => p.metadata?.name === name)

type Sent = Extract<SimEvent, { type: 'MessageSent' }>
/** When the kubelet asked the runtime to create each instance of the container. */
const creates = (sim: Simulation): number[] =>
  sim.trace
    .filter((e): e is Sent => e.type === 'MessageSent' && e.label === 'CreateContainer app')
    .map((e) => e.atMs)

describe('CrashLoopBackOff', () => {
  const sim = createSimulation({ seed: 7, nodes: 1 })
  sim.advance(BOOT_MS)
  sim.kubectl(
    'apply -f -',
    crashingPod('crash', 'echo starting; sleep 2; echo "fatal: no config" >&2; exit 3'),
  )
  sim.advance(20 * 60_000)
  const pod = podNamed(sim, 'crash')

  it('restarts at once, then after 10, 20, 40, 80, 160, 300, 300 s measured from FinishedAt', () => {
    const startTimes = creates(sim)
    // Each instance runs 2 s (+ the runtime's start latency) before it exits.
    const finished = startTimes.map((t) => t + 180 + 2000)
    const gaps = startTimes.slice(1).map((t, i) => Math.round((t - (finished[i] ?? 0)) / 1000))
    expect(gaps.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
  })

  it('reports Waiting CrashLoopBackOff with upstream’s message, and the last exit', () => {
    sim.runUntil(
      (s) => podNamed(s, 'crash')?.status?.containerStatuses?.[0]?.state?.waiting !== undefined,
      400_000,
    )
    const status = podNamed(sim, 'crash')?.status?.containerStatuses?.[0]
    const uid = pod?.metadata?.uid ?? ''
    expect(status?.state?.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 5m0s restarting failed container=app pod=crash_default(${uid})`,
    })
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' })
    expect(podNamed(sim, 'crash')?.status?.phase).toBe('Running')
  })

  it('prints the crash in kubectl get, logs (current and --previous) and describe', () => {
    const get = sim.kubectl('get pod crash').output
    expect(get).toMatch(/crash\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+[sm]\d*s? ago\)/)
    expect(sim.kubectl('logs crash').output).toBe('starting\nfatal: no config')
    expect(sim.kubectl('logs crash --previous').output).toBe('starting\nfatal: no config')
    const describe = sim.kubectl('describe pod crash').output
    expect(describe).toContain('    State:          Waiting\n      Reason:       CrashLoopBackOff')
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+3/)
    expect(describe).toMatch(
      /Warning\s+BackOff\s+.*\(x\d+ over \d+m\)\s+kubelet\s+Back-off restarting failed container app in pod crash_default\(/,
    )
  })

  it('FinishedAt and the next StartedAt are the back-off apart in the API too', () => {
    const status = podNamed(sim, 'crash')?.status?.containerStatuses?.[0]
    const finished = rfc3339ToSimTime(status?.lastState?.terminated?.finishedAt ?? '') ?? 0
    const started = rfc3339ToSimTime(status?.lastState?.terminated?.startedAt ?? '') ?? 0
    expect(finished - started).toBeGreaterThanOrEqual(2000)
    expect(finished - started).toBeLessThan(3000)
  })
})

/** Seconds between one instance's exit and the next one's start, for container `name`. */
function restartGaps(sim: Simulation, name: string, runS: number): number[] {
  const startTimes = sim.trace
    .filter((e): e is Sent => e.type === 'MessageSent' && e.label === `CreateContainer ${name}`)
    .map((e) => e.atMs)
  return startTimes.slice(1).map((t, i) => Math.round((t - (startTimes[i] ?? 0)) / 1000 - runS))
}

describe('the back-off resets after 10 minutes', () => {
  // hasExpired: a failure more than 2 × MaxContainerBackOff (600 s) after the back-off was last
  // stepped starts it again at 10 s (client-go flowcontrol/backoff.go; kubelet.go, v1.32).
  const sim = createSimulation({ seed: 12, nodes: 1 })
  sim.advance(BOOT_MS)
  const pod = (name: string, runS: number) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [
        { name, image: 'busybox:1.36', command: ['sh', '-c', `echo up; sleep ${runS}; exit 2`] },
      ],
    },
  })
  sim.kubectl(
    'apply -f -',
    [pod('nine', 540), pod('eleven', 660)].map((p) => stringify(p)).join('---\n'),
  )
  // Four instances of each: 3 × 11 min plus the start, and 4 × 9 min plus 30 s of back-off.
  sim.advance(37 * 60_000)

  it('a container that runs 9 min before crashing still backs off 10, 20, 40 s', () => {
    expect(restartGaps(sim, 'nine', 540).slice(0, 3)).toEqual([0, 10, 20])
  })

  it('one that runs 11 min is restarted at once every time', () => {
    expect(restartGaps(sim, 'eleven', 660).slice(0, 3)).toEqual([0, 0, 0])
  })
})

describe('with the API server stopped', SIMULATES_MINUTES, () => {
  it('the kubelet keeps restarting a crashing container, and reports every restart on resync', () => {
    const sim = createSimulation({ seed: 13, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', crashingPod('crash', 'sleep 1; exit 1'))
    sim.runUntil(
      (s) => (podNamed(s, 'crash')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
      60_000,
    )
    sim.dispatch({ type: 'stopComponent', id: 'kube-apiserver' })
    const createdBefore = creates(sim).length
    sim.advance(5 * 60_000)
    // 10, 20, 40, 80 s of back-off (+ 1 s runs) fit into the five minutes: four more instances.
    expect(creates(sim).length - createdBefore).toBeGreaterThanOrEqual(4)
    expect(podNamed(sim, 'crash')?.status?.containerStatuses?.[0]?.restartCount).toBe(1)
    sim.dispatch({ type: 'startComponent', id: 'kube-apiserver' })
    sim.advance(60_000)
    expect(podNamed(sim, 'crash')?.status?.containerStatuses?.[0]?.restartCount).toBe(
      creates(sim).length - 1,
    )
  })
})

describe('restartPolicy', SIMULATES_MINUTES, () => {
  it('Never: the Pod fails and the container is not restarted', () => {
    const sim = createSimulation({ seed: 8, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', crashingPod('once', 'exit 1', 'Never'))
    sim.advance(60_000)
    const pod = podNamed(sim, 'once')
    expect(pod?.status?.phase).toBe('Failed')
    expect(pod?.status?.containerStatuses?.[0]?.restartCount).toBe(0)
    expect(sim.kubectl('get pod once').output).toMatch(/once\s+0\/1\s+Error\s+0\s/)
  })

  it('OnFailure: exit 0 completes the Pod', () => {
    const sim = createSimulation({ seed: 9, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', crashingPod('job', 'echo done', 'OnFailure'))
    sim.advance(60_000)
    expect(podNamed(sim, 'job')?.status?.phase).toBe('Succeeded')
    expect(sim.kubectl('get pod job').output).toMatch(/job\s+0\/1\s+Completed\s+0\s/)
  })

  it("Never, as a Job's Pod: kubernetes.io's pi example completes and its log is π", () => {
    const sim = createSimulation({ seed: 14, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'pi' },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'pi',
              image: 'perl:5.34.0',
              command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
            },
          ],
        },
      }),
    )
    sim.runUntil((s) => podNamed(s, 'pi')?.status?.phase === 'Succeeded', 120_000)
    const status = podNamed(sim, 'pi')?.status?.containerStatuses?.[0]
    expect(status?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
    expect(sim.kubectl('get pod pi').output).toMatch(/pi\s+0\/1\s+Completed\s+0\s/)
    const log = sim.kubectl('logs pi').output
    expect(log.startsWith('3.14159265358979')).toBe(true)
    expect(log).toHaveLength(2001)
  })

  it('Always: a container that exits 0 is restarted too (Completed, then CrashLoopBackOff)', () => {
    const sim = createSimulation({ seed: 10, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'bb' },
        spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
      }),
    )
    sim.advance(120_000)
    const status = podNamed(sim, 'bb')?.status?.containerStatuses?.[0]
    expect(status?.restartCount).toBeGreaterThanOrEqual(3)
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
  })
})

describe('image pull failures', SIMULATES_MINUTES, () => {
  it('ErrImagePull, then ImagePullBackOff, retried under the back-off', () => {
    const sim = createSimulation({ seed: 11, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl(
      'apply -f -',
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'typo' },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27-doesnotexist' }] },
      }),
    )
    sim.runUntil(
      (s) =>
        podNamed(s, 'typo')?.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
        'ErrImagePull',
      30_000,
    )
    expect(
      podNamed(sim, 'typo')?.status?.containerStatuses?.[0]?.state?.waiting?.message,
    ).toContain('failed to resolve reference "docker.io/library/nginx:1.27-doesnotexist"')
    sim.advance(3_000)
    expect(sim.kubectl('get pod typo').output).toMatch(/typo\s+0\/1\s+ImagePullBackOff\s+0\s/)
    sim.advance(120_000)
    const pulls = sim.trace
      .filter(
        (e): e is Sent =>
          e.type === 'MessageSent' && e.label === 'PullImage nginx:1.27-doesnotexist',
      )
      .map((e) => e.atMs)
    const gaps = pulls.slice(1).map((t, i) => Math.round((t - (pulls[i] ?? 0)) / 1000))
    expect(gaps.slice(0, 3)).toEqual([10, 20, 40])
    expect(sim.kubectl('logs typo').output).toBe(
      'Error from server (BadRequest): container "web" in pod "typo" is waiting to start: trying and failing to pull image',
    )
  })
})
