import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../sim/index'
import type { Scenario } from '../protocol/scenario/scenario'
import { decodeScenarioQuery, encodeScenarioQuery } from '../protocol/scenario/url-codec'
import { loadSimulation } from './load-simulation'
import { lastFrame, makeHost } from './testing/fake-host'

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`
const SPLIT = [
  ['kube-apiserver', 'etcd-1'],
  ['etcd-2', 'etcd-3'],
] as [string[], string[]]

/** What an instructor does in class: apply, split brain that heals itself, rewind, fork. */
function classSession(): Simulation {
  const sim = createSimulation({ seed: 9, nodes: 3, etcdMembers: 3 })
  sim.advance(3_000)
  sim.dispatch({ type: 'runKubectl', commandId: 'ui-1', command: 'apply -f -', stdin: RS })
  sim.advance(8_000)
  sim.dispatch(
    { type: 'partition', sides: SPLIT },
    { afterMs: 6_000, actions: [{ type: 'healPartition', sides: SPLIT }] },
  )
  sim.advance(2_000)
  sim.dispatch({ type: 'runKubectl', commandId: 'ui-2', command: 'scale rs web --replicas=5' })
  sim.advance(12_000)
  sim.seekTo(14_000)
  sim.dispatch({ type: 'stopComponent', id: 'kube-scheduler' })
  sim.advance(9_000)
  return sim
}

const scenarioOf = (sim: Simulation): Scenario => ({
  seed: 9,
  nodes: 3,
  etcdMembers: 3,
  preVote: true,
  checkQuorum: true,
  actions: [...sim.actions],
  timeMs: sim.nowMs,
  panel: 'raft',
})

const open = (scenario: Scenario) =>
  loadSimulation({
    type: 'load',
    options: { seed: scenario.seed, nodes: scenario.nodes, etcdMembers: scenario.etcdMembers },
    bootMs: 3_000,
    replay: scenario.actions,
    seekMs: scenario.timeMs,
    fallback: { seed: 1, nodes: 3, etcdMembers: 3 },
  })

describe('a shared scenario replays exactly (headless, through the link codec)', () => {
  it('opening the link gives the identical trace, Pods and etcd terms', () => {
    const original = classSession()
    const link = decodeScenarioQuery(encodeScenarioQuery(scenarioOf(original)))
    expect(link.kind).toBe('scenario')
    if (link.kind !== 'scenario') return
    const { sim, refused } = open(link.scenario)
    expect(refused).toBeUndefined()
    expect(sim.nowMs).toBe(original.nowMs)
    expect(sim.trace).toHaveLength(original.trace.length)
    expect(JSON.stringify(sim.trace)).toBe(JSON.stringify(original.trace))
    expect(sim.snapshot()).toEqual(original.snapshot())
    expect(sim.etcd().members.map((m) => [m.id, m.role, m.term])).toEqual(
      original.etcd().members.map((m) => [m.id, m.role, m.term]),
    )
  })

  it('refuses a scenario whose action does not fit the cluster, and opens the default one', () => {
    const scenario = scenarioOf(classSession())
    scenario.actions.push({
      atMs: scenario.timeMs,
      action: { type: 'stopComponent', id: 'etcd-5' },
    })
    const { sim, refused } = open(scenario)
    expect(refused).toBe(
      'the action "stop etcd-5" does not apply: there is no component "etcd-5" in this cluster',
    )
    expect(sim.actions).toHaveLength(0)
    expect(sim.options.seed).toBe(1)
  })

  it('the host reports the refusal and sends the default cluster', () => {
    const host = makeHost()
    host.send({
      type: 'load',
      options: { seed: 9 },
      bootMs: 3_000,
      replay: [{ atMs: 4_000, action: { type: 'raftTimeoutNow', id: 'etcd-7' } }],
      seekMs: 5_000,
      fallback: { seed: 1 },
    })
    expect(host.posted.map((m) => m.type)).toEqual([
      'replaying',
      'scenarioRefused',
      'frame',
      'replayed',
    ])
    expect(lastFrame(host.frames())).toMatchObject({ simTimeMs: 3_000, actions: [] })
  })
})

describe('mirror: the presenter’s host follows the instructor’s log and time', () => {
  it('ends in the same state as the instructor, including a rewind and a fork', () => {
    const instructor = classSession()
    const presenter = makeHost()
    presenter.send({ type: 'load', options: { seed: 9 }, bootMs: 3_000 })
    const follow = { playing: true, speed: 1, followMessages: false }
    // The instructor's frames: time moves on; the log arrives when it changes.
    presenter.send({
      type: 'mirror',
      timeMs: 20_000,
      actions: instructor.actions.slice(0, 2),
      ...follow,
    })
    presenter.send({ type: 'mirror', timeMs: 30_000, ...follow })
    presenter.send({
      type: 'mirror',
      timeMs: instructor.nowMs,
      actions: [...instructor.actions],
      ...follow,
    })
    const frame = lastFrame(presenter.frames())
    expect(frame).toMatchObject({ simTimeMs: instructor.nowMs, playing: true })
    expect(frame.actions).toEqual(instructor.actions)
    // Seeking back makes the host send its whole state (a reset frame) to compare.
    const at = instructor.nowMs - 1
    presenter.send({ type: 'seek', timeMs: at })
    instructor.seekTo(at)
    const pods = (lastFrame(presenter.frames()).reset?.objects ?? [])
      .filter((o) => o.kind === 'Pod')
      .map((o) => o.name)
      .sort()
    const expected = instructor
      .snapshot()
      .objects.filter((o) => o.kind === 'Pod')
      .map((o) => o.metadata?.name)
      .sort()
    expect(pods).toEqual(expected)
  })
})

describe('frames after a scheduled heal', () => {
  it('send the components again when a timed fault heals itself', () => {
    const host = makeHost()
    host.send({ type: 'load', options: { seed: 2 }, bootMs: 3_000 })
    host.send({
      type: 'dispatch',
      action: { type: 'stopComponent', id: 'kube-scheduler' },
      followUp: { afterMs: 2_000, actions: [{ type: 'startComponent', id: 'kube-scheduler' }] },
    })
    host.send({ type: 'seek', timeMs: 6_000 })
    const scheduler = lastFrame(host.frames()).components?.find((c) => c.id === 'kube-scheduler')
    expect(scheduler?.running).toBe(true)
  })
})
