import { describe, expect, it } from 'vitest'
import { createSimulation, type FlowStep, type Simulation } from '../../sim/index'
import { stateFromChanges, type FlowRecord, type StepState } from '../../protocol/flow'
import { FlowTracker } from './flow-tracker'
import type { TraceMessage } from './flow-messages'
import { podManifest } from '../testing/manifests'

const pod = (name: string, cpu = '100m') => podManifest(name, cpu)

const replicaSet = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`

function boot(): Simulation {
  const sim = createSimulation({ seed: 1, nodes: 3, etcdMembers: 3 })
  sim.advance(3000)
  return sim
}

let commands = 0
function run(sim: Simulation, command: string, stdin?: string): void {
  sim.dispatch({
    type: 'runKubectl',
    commandId: `t-${String(++commands)}`,
    command,
    ...(stdin !== undefined ? { stdin } : {}),
  })
}

/** Runs the sim `ms` further, feeding the tracker after every instant (as the host does). */
function follow(sim: Simulation, tracker: FlowTracker, ms: number): FlowRecord {
  const end = sim.nowMs + ms
  while (sim.nowMs < end && sim.step()) tracker.update(sim.trace, sim.actions)
  tracker.update(sim.trace, sim.actions)
  const record = tracker.record()
  if (!record) throw new Error('no flow')
  return record
}

const messages = (sim: Simulation, fromMs: number): TraceMessage[] =>
  sim.trace.filter((e): e is TraceMessage => e.type === 'MessageSent' && e.atMs >= fromMs)

/** The steps' states at `t`, as the UI reads them. */
const statesAt = (record: FlowRecord, t: number): StepState[] =>
  record.steps.map((s) => stateFromChanges(s.changes, t))

describe('the flow tracker: a Pod applied with kubectl', () => {
  const sim = boot()
  const causeAt = sim.nowMs
  run(sim, 'apply -f -', pod('web'))
  const tracker = new FlowTracker()
  const record = follow(sim, tracker, 10_000)
  const trace = messages(sim, causeAt)
  // The oracle, straight from the trace: steps 3–6 are the messages tagged with the step and
  // about Pod web; step 1 is kubectl's GET and POST and their exchanges; step 2, from the POST's
  // arrival to kubectl's 201 Created.
  const tagged = (step: FlowStep) => trace.filter((m) => m.step === step)
  const post = trace.find((m) => m.from === 'kubectl' && m.label.startsWith('POST'))
  const created = trace.find((m) => m.to === 'kubectl' && m.label.startsWith('201'))
  const span = (list: TraceMessage[]) => ({
    first: Math.min(...list.map((m) => m.atMs)),
    last: Math.max(...list.map((m) => m.deliverAtMs)),
  })
  const oracle: Record<FlowStep, { first: number; last: number }> = {
    1: span(tagged(1).filter((m) => m.deliverAtMs <= (post?.deliverAtMs ?? 0))),
    2: span(tagged(2).filter((m) => m.deliverAtMs <= (created?.deliverAtMs ?? 0))),
    3: span(tagged(3).filter((m) => m.about?.name === 'web')),
    4: span(tagged(4).filter((m) => m.about?.name === 'web')),
    5: span(tagged(5).filter((m) => m.about?.name === 'web')),
    6: span(tagged(6).filter((m) => m.about?.name === 'web')),
  }

  it('has each step’s first and last message where the trace has them', () => {
    for (const s of record.steps) {
      expect({ step: s.step, first: s.firstMs, last: s.lastMs }).toEqual({
        step: s.step,
        first: oracle[s.step].first,
        last: oracle[s.step].last,
      })
    }
    // Step 5 spans the CRI calls; step 6 ends when the Running status is stored.
    const cri = trace.filter((m) => m.to.startsWith('container-runtime/'))
    expect(oracle[5].first).toBe(cri[0]?.atMs)
    expect(record.completedAtMs).toBe(oracle[6].last)
  })

  it('never lights a step before its first message or after its last, at any instant', () => {
    const wrong: string[] = []
    for (let t = causeAt - 50; t <= oracle[6].last + 500; t += 1) {
      statesAt(record, t).forEach((state, i) => {
        const { first, last } = oracle[(i + 1) as FlowStep]
        const ok =
          (t >= first || state === 'pending') &&
          (state !== 'active' || (t >= first && t < last)) &&
          (state !== 'done' || t >= last)
        if (!ok) wrong.push(`step ${String(i + 1)} ${state} at ${String(t)}`)
      })
    }
    expect(wrong).toEqual([])
  })

  it('marks every step done once Running is stored, and says how long it took', () => {
    const end = record.completedAtMs ?? Infinity
    expect(statesAt(record, end - 1)).toContain('active')
    expect(statesAt(record, end)).toEqual(['done', 'done', 'done', 'done', 'done', 'done'])
    expect(record.closing).toMatch(
      /^Done: Pod web is Running on node-\d\. From “kubectl apply -f -” to its Running status stored in etcd took \d+\.\d\d s of cluster time\.$/,
    )
    expect(record.closing).toContain(((end - causeAt) / 1000).toFixed(2))
  })

  it('has step 6 waiting between the kubelet’s Pending report and its Running report', () => {
    const pending = trace.find((m) => m.label.includes('(Pending)'))
    const running = trace.find((m) => m.label.includes('(Running)'))
    if (!pending || !running) throw new Error('no status reports')
    expect(stateFromChanges(record.steps[5]?.changes ?? [], pending.atMs)).toBe('active')
    const between = (pending.deliverAtMs + running.atMs) / 2 + 100
    expect(statesAt(record, between)).toEqual(['done', 'done', 'done', 'done', 'active', 'waiting'])
  })

  it('explains kubectl apply’s first GET in plain words, and keeps the components’ detail', () => {
    expect(record.lines[0]?.text).toContain('first asks the API server whether Pod web exists')
    expect(record.lines.map((l) => l.text).join(' ')).toContain('404 Not Found')
    expect(record.lines.some((l) => l.detail?.includes('reservoir sampling'))).toBe(true)
    expect(record.lines.some((l) => l.text.includes('MsgApp'))).toBe(false)
  })

  it('gives the same record read instant by instant, at once, or rebuilt after a seek', () => {
    const atOnce = new FlowTracker()
    atOnce.update(sim.trace, sim.actions)
    expect(atOnce.record()).toEqual(record)
    // What a live run knew at T is what a seek back to T rebuilds: a function of the trace so far.
    const again = boot()
    run(again, 'apply -f -', pod('web'))
    const live = new FlowTracker()
    // Inside the flight of step 3's first message that takes 2 ms or more (a 1 ms flight has no
    // whole millisecond inside it; the network's jitter decides which message that is).
    const flight = tagged(3).find((m) => m.about?.name === 'web' && m.deliverAtMs - m.atMs >= 2)
    const mid = (flight?.atMs ?? oracle[3].first) + 1
    // Millisecond by millisecond, as the host's frames advance: sim.step() would run on to the
    // next instant with a trace entry, past `mid` when nothing is traced at `mid` itself.
    while (again.nowMs < mid) {
      again.advanceTo(again.nowMs + 1)
      live.update(again.trace, again.actions)
    }
    const atMid = live.record()
    follow(again, live, 5_000)
    again.seekTo(mid)
    const rebuilt = new FlowTracker()
    rebuilt.update(again.trace, again.actions)
    expect(rebuilt.record()).toEqual(atMid)
    expect(statesAt(rebuilt.record() as FlowRecord, mid)).toEqual([
      'done',
      'active',
      'active',
      'pending',
      'pending',
      'pending',
    ])
  })
})

describe('the flow tracker: what the user’s action caused', () => {
  it('follows a ReplicaSet’s first Pod, with the controller’s request as its steps 1–2', () => {
    const sim = boot()
    run(sim, 'apply -f -', replicaSet)
    const record = follow(sim, new FlowTracker(), 10_000)
    expect(record.pod).toMatch(/^web-[a-z0-9]{5}$/)
    expect(record.caption).toContain(
      `Following ${record.pod ?? ''}, the first Pod of ReplicaSet web`,
    )
    expect(record.steps[0]?.changes.filter((c) => c.state === 'active')).toHaveLength(2)
    expect(record.completedAtMs).toBeDefined()
  })

  it('follows a Deployment’s first Pod, through the ReplicaSet its controller made', () => {
    const sim = boot()
    run(
      sim,
      'apply -f -',
      replicaSet
        .replace('kind: ReplicaSet', 'kind: Deployment')
        .replace('replicas: 2', 'replicas: 3'),
    )
    const record = follow(sim, new FlowTracker(), 15_000)
    const rs = sim.snapshot().objects.find((o) => o.kind === 'ReplicaSet')?.metadata?.name ?? '?'
    expect(rs).toMatch(/^web-[a-z0-9]+$/)
    expect(record.pod).toMatch(new RegExp(`^${rs}-[a-z0-9]{5}$`))
    expect(record.caption).toBe(
      `Following ${record.pod ?? ''}, the first Pod of Deployment web: kubectl stored the Deployment, its controller a ReplicaSet, whose controller sent the Pod (steps 1–2 again).`,
    )
    expect(record.completedAtMs).toBeDefined()
    expect(record.closing).toContain(`Done: Pod ${record.pod ?? ''} is Running`)
  })

  it('follows a Deployment’s first Pod through an HA control plane’s load balancer', () => {
    // Every request and answer goes through kube-apiserver-lb, to one of three API servers; the
    // leading controller manager and scheduler may be any of three instances.
    const sim = createSimulation({ seed: 1, nodes: 3, etcdMembers: 3, controlPlanes: 3 })
    sim.advance(3000)
    run(sim, 'create deployment nginx --image=nginx:1.14.2 --replicas=1')
    const start = sim.nowMs
    const record = follow(sim, new FlowTracker(), 15_000)
    expect(record.pod).toMatch(/^nginx-[a-z0-9]+-[a-z0-9]{5}$/)
    expect(record.completedAtMs).toBeDefined()
    expect(record.closing).toContain(`Done: Pod ${record.pod ?? ''} is Running`)
    // Steps 1 and 2 began with kubectl's request through the balancer, and every step ran.
    expect(statesAt(record, start - 1)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ])
    expect(statesAt(record, record.completedAtMs ?? 0)).toEqual(Array(6).fill('done'))
    // The balancer passes each hop's flow step on: kubectl's request (1), the kubelet's status (6).
    const viaBalancer = messages(sim, start).filter((m) => m.from === 'kube-apiserver-lb')
    expect(viaBalancer.map((m) => m.step)).toEqual(expect.arrayContaining([1, 6]))
  }, 30_000)

  it('follows the Pod kubectl run creates, without a manifest', () => {
    const sim = boot()
    run(sim, 'run nginx --image=nginx:1.27')
    const record = follow(sim, new FlowTracker(), 10_000)
    expect(record.pod).toBe('nginx')
    expect(record.completedAtMs).toBeDefined()
  })

  it('follows the ReplicaSet’s replacement for a Pod you delete, and says so', () => {
    const sim = boot()
    run(sim, 'apply -f -', replicaSet)
    sim.advance(10_000)
    const victim = sim
      .snapshot()
      .objects.map((o) => o.metadata?.name ?? '')
      .find((n) => n.startsWith('web-'))
    if (!victim) throw new Error('no Pod')
    run(sim, `delete pod ${victim}`)
    const record = follow(sim, new FlowTracker(), 10_000)
    expect(record.pod).toMatch(/^web-/)
    expect(record.pod).not.toBe(victim)
    expect(record.caption).toBe(
      `Following ${record.pod ?? ''}: ReplicaSet web’s replacement for ${victim}, which you deleted.`,
    )
    expect(record.completedAtMs).toBeDefined()
  })

  it('counts only messages about the followed Pod, among system Pods’ status updates', () => {
    // kubeadm's system Pods on: their kubelets post status (tagged step 6) while web starts.
    const wrong: string[] = []
    for (const offset of [0, 900, 2_300]) {
      const sim = createSimulation({ seed: 2, nodes: 3, etcdMembers: 3, systemPods: true })
      sim.advance(3_000 + offset)
      const causeAt = sim.nowMs
      run(sim, 'apply -f -', pod('web'))
      const record = follow(sim, new FlowTracker(), 12_000)
      const about = messages(sim, causeAt).filter((m) => m.about?.name === 'web')
      for (const step of [3, 4, 5, 6] as const) {
        const own = about.filter((m) => m.step === step)
        const expected = {
          first: Math.min(...own.map((m) => m.atMs)),
          last: Math.max(...own.map((m) => m.deliverAtMs)),
        }
        const got = record.steps[step - 1]
        if (got?.firstMs !== expected.first || got.lastMs !== expected.last)
          wrong.push(
            `+${String(offset)} step ${String(step)}: ${String(got?.firstMs)}–${String(got?.lastMs)}, trace ${String(expected.first)}–${String(expected.last)}`,
          )
      }
    }
    expect(wrong).toEqual([])
  }, 60_000)

  it('ends a rejected apply with kubectl’s error and starts no step past 1', () => {
    const sim = boot()
    run(sim, 'apply -f -', pod('web').replace('    image: nginx:1.27\n', ''))
    const record = follow(sim, new FlowTracker(), 5_000)
    expect(record.outcome?.text).toContain('spec.containers[0].image: Required value')
    expect(statesAt(record, sim.nowMs).slice(2)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ])
  })

  it('leaves step 3 waiting, with the scheduler’s reason, for a Pod no node can hold', () => {
    const sim = boot()
    run(sim, 'apply -f -', pod('big', '6'))
    const record = follow(sim, new FlowTracker(), 5_000)
    expect(statesAt(record, sim.nowMs).slice(2, 4)).toEqual(['waiting', 'pending'])
    expect(record.lines[record.lines.length - 1]?.text).toContain('Insufficient cpu')
  })

  it('keeps step 2 active while a slow disk holds the write, not waiting', () => {
    const sim = boot()
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3'])
      sim.dispatch({ type: 'setDiskLatency', id, fsyncMs: 200 })
    sim.advance(2_000)
    run(sim, 'apply -f -', pod('slow'))
    const record = follow(sim, new FlowTracker(), 10_000)
    const step2 = record.steps[1]?.changes ?? []
    const active = step2.find((c) => c.state === 'active')
    const after = step2[step2.indexOf(active ?? step2[0] ?? { atMs: 0, state: 'pending' }) + 1]
    expect(active && after && after.atMs - active.atMs).toBeGreaterThan(200)
    expect(after?.state).toBe('done')
  })
})
