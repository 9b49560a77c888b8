import { afterEach, describe, expect, it, vi } from 'vitest'
import { kubeApiServer } from '../apiserver/kube-apiserver'
import { kubeControllerManager } from '../controllers/controller-manager'
import { kubectl } from '../kubectl/kubectl'
import { kubeScheduler } from '../scheduler/kube-scheduler'
import { createSimulation, type Simulation, type SimEvent } from '../index'
import { makePodManifest } from '../testing/manifests'
import type { ActorBase, Behaviour } from './actor'

// A bug is simulated by wrapping one component's handler so that it throws a TypeError, as the
// issue's hasBadQuantity did; everything else runs the real code.
afterEach(() => {
  vi.restoreAllMocks()
})

/** Makes `behaviour.onMessage` throw when `when` holds for the message. */
function throwOn<S extends ActorBase>(
  behaviour: Behaviour<S>,
  when: (body: unknown) => boolean,
): void {
  const original = behaviour.onMessage.bind(behaviour)
  vi.spyOn(behaviour, 'onMessage').mockImplementation((ctx, state, envelope) => {
    if (when(envelope.body)) throw new TypeError('spec.containers is not iterable')
    original(ctx, state, envelope)
  })
}

const mentions = (name: string) => (body: unknown) => JSON.stringify(body).includes(name)
/** The watch event announcing a new object named `name`: after a restart, a re-list has it. */
const addedEvent = (name: string) => (body: unknown) =>
  (body as { type?: string; event?: { type?: string } }).event?.type === 'ADDED' &&
  mentions(name)(body)
const crashes = (sim: Simulation) =>
  sim.trace.filter(
    (e): e is Extract<SimEvent, { type: 'ComponentCrashed' }> => e.type === 'ComponentCrashed',
  )
const podPhase = (sim: Simulation, name: string) =>
  (
    sim.snapshot().objects.find((o) => o.kind === 'Pod' && o.metadata?.name === name)?.[
      'status'
    ] as { phase?: string } | undefined
  )?.phase
const runsWithin = (sim: Simulation, name: string, ms: number) =>
  sim.runUntil((s) => podPhase(s, name) === 'Running', ms)

function booted(): Simulation {
  const sim = createSimulation({ seed: 3, nodes: 2 })
  sim.advance(3_000)
  return sim
}

describe('a component whose handler throws', () => {
  it('crashes, is recorded, is restarted by the kubelet after its relist, and the cluster goes on', () => {
    throwOn(kubeScheduler, addedEvent('boom'))
    const sim = booted()
    sim.kubectl('apply -f -', makePodManifest('boom').yaml())
    sim.advance(2_000)
    const [crash] = crashes(sim)
    expect(crash).toMatchObject({
      actor: 'kube-scheduler',
      error: 'TypeError: spec.containers is not iterable',
      restartInMs: 1_000,
      restarts: 1,
      restarter: 'the kubelet',
    })
    const restarted = sim.trace.find((e) => e.type === 'ComponentRestarted')
    expect(restarted?.atMs).toBe((crash?.atMs ?? 0) + 1_000)
    // The restarted scheduler lists again and schedules what was waiting, and what comes next.
    sim.kubectl('apply -f -', makePodManifest('after').yaml())
    expect(runsWithin(sim, 'after', 30_000)).toBe(true)
    expect(sim.components('kube-scheduler')[0]?.running).toBe(true)
  })

  it('backs off like CrashLoopBackOff when it throws on every start, without stopping the rest', () => {
    vi.spyOn(kubeControllerManager, 'start').mockImplementation(() => {
      throw new TypeError('cannot read properties of undefined')
    })
    const sim = createSimulation({ seed: 3, nodes: 2 })
    sim.advance(80_000)
    // First restart at the next PLEG relist (1 s), then 10 s doubling (pkg/kubelet, v1.32).
    expect(crashes(sim).map((c) => [c.atMs, c.restartInMs])).toEqual([
      [0, 1_000],
      [1_000, 10_000],
      [11_000, 20_000],
      [31_000, 40_000],
      [71_000, 80_000],
    ])
    // Without the controller-manager, nobody creates the namespace's `default` ServiceAccount or
    // the kube-root-ca.crt ConfigMap, so ServiceAccount admission turns a plain Pod away...
    expect(sim.kubectl('apply -f -', makePodManifest('alone').yaml()).output).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "alone" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    )
    // ...but the API server, the scheduler and the kubelets go on: a Pod that needs nothing from
    // the controller-manager (its ServiceAccount made by hand, no token mounted) runs.
    sim.kubectl('create serviceaccount default')
    const alone = makePodManifest('alone')
    const spec = alone.obj().spec
    if (spec) spec.automountServiceAccountToken = false
    sim.kubectl('apply -f -', alone.yaml())
    expect(runsWithin(sim, 'alone', 30_000)).toBe(true)
  })

  it('crashes the same way at the same instant on replay, and after seeking back', () => {
    const run = () => {
      const sim = booted()
      sim.kubectl('apply -f -', makePodManifest('boom').yaml())
      sim.advance(10_000)
      return sim
    }
    throwOn(kubeScheduler, addedEvent('boom'))
    const first = run()
    const second = run()
    expect(crashes(first).length).toBeGreaterThan(0)
    expect(JSON.stringify(second.trace)).toBe(JSON.stringify(first.trace))
    const before = JSON.stringify(first.trace)
    const end = first.nowMs
    first.seekTo(1_000)
    first.seekTo(end)
    expect(JSON.stringify(first.trace)).toBe(before)
  })
})

describe('kube-apiserver crashing', () => {
  it('resets its clients: kubectl gets EOF at once, informers re-list, new Pods still run', () => {
    throwOn(kubeApiServer, (body) => mentions('crash-me')(body) && mentions('http-request')(body))
    const sim = booted()
    const result = sim.kubectl('get pod crash-me')
    expect(result).toEqual({ exitCode: 1, output: 'Unable to connect to the server: EOF' })
    expect(crashes(sim)[0]).toMatchObject({ actor: 'kube-apiserver', restarter: 'the kubelet' })
    sim.advance(3_000)
    sim.kubectl('apply -f -', makePodManifest('survivor').yaml())
    expect(runsWithin(sim, 'survivor', 30_000)).toBe(true)
  })

  it('is refused while it is down (a connection attempt to a closed port)', () => {
    throwOn(kubeApiServer, (body) => mentions('crash-me')(body) && mentions('http-request')(body))
    const sim = booted()
    sim.kubectl('get pod crash-me')
    expect(sim.kubectl('get pods').output).toBe(
      'The connection to the server control-plane:6443 was refused - did you specify the right host or port?',
    )
  })
})

describe('kubectl crashing', () => {
  it('ends the command like a Go panic (exit status 2); the next command is a new process', () => {
    throwOn(kubectl, (body) => mentions('http-response')(body) && mentions('PodList')(body))
    const sim = booted()
    const panicked = sim.kubectl('get pods -o json')
    expect(panicked).toEqual({
      exitCode: 2,
      output: 'panic: TypeError: spec.containers is not iterable',
    })
    vi.restoreAllMocks()
    expect(sim.kubectl('get nodes').exitCode).toBe(0)
  })
})
