import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import { BOOT_MS, makePodManifest, runningPods } from '../testing/manifests'
import { ELECTION_MS, type EtcdMemberState } from './member-state'

function bootedSim(options: Parameters<typeof createSimulation>[0] = {}): Simulation {
  const sim = createSimulation({ seed: 7, nodes: 2, ...options })
  sim.advance(BOOT_MS)
  return sim
}

const leaderOf = (sim: Simulation) => sim.etcd().members.find((m) => m.role === 'leader')
const member = (sim: Simulation, id: string) => {
  const m = sim.etcd().members.find((x) => x.id === id)
  if (!m) throw new Error(`no ${id}`)
  return m
}

/** Make etcd-1 the leader, so the API server (pinned to etcd-1) is on the leader's side. */
function leadWithEtcd1(sim: Simulation): void {
  sim.dispatch({ type: 'raftTimeoutNow', id: 'etcd-1' })
  sim.advance(1_000)
  expect(leaderOf(sim)?.id).toBe('etcd-1')
}

/** Cuts one follower off for 10 election timeouts, heals, lets 3 more pass; returns the old leader. */
function isolateAndRejoinAFollower(sim: Simulation) {
  const leader = leaderOf(sim)
  const loner = sim.etcd().members.find((m) => m.role !== 'leader')
  if (!leader || !loner) throw new Error('no leader')
  const others = sim
    .etcd()
    .members.filter((m) => m.id !== loner.id)
    .map((m) => m.id)
  sim.dispatch({ type: 'partition', sides: [[loner.id], others] })
  sim.advance(10 * ELECTION_MS)
  sim.dispatch({ type: 'heal' })
  sim.advance(3 * ELECTION_MS)
  return { sim, leader }
}

describe('etcd as a Raft cluster inside the simulation', () => {
  it('boots three members that agree on one leader, with a quorum of 2 tolerating 1 failure', () => {
    const sim = bootedSim()
    const view = sim.etcd()
    expect(view.members.map((m) => m.id)).toEqual(['etcd-1', 'etcd-2', 'etcd-3'])
    expect(view.members.filter((m) => m.role === 'leader')).toHaveLength(1)
    expect(new Set(view.members.map((m) => m.leader))).toEqual(new Set([view.leader]))
    expect(view.quorum).toBe(2)
    expect(view.tolerates).toBe(1)
  })

  it('turns a Pod write into a log entry every member commits and applies at the same index', () => {
    const sim = bootedSim()
    expect(sim.kubectl('kubectl apply -f -', makePodManifest('web').yaml()).output).toBe(
      'pod/web created',
    )
    sim.advance(100)
    const members = sim.etcd().members
    const indexes = members.map((m) =>
      m.log.find((e) => e.summary === 'put /registry/pods/default/web'),
    )
    expect(indexes.every((e) => e?.committed === true)).toBe(true)
    expect(new Set(indexes.map((e) => `${e?.index}/${e?.term}`)).size).toBe(1)
    expect(new Set(members.map((m) => m.revision)).size).toBe(1)
  })

  it('elects a new leader within a few election timeouts after the leader is killed, and writes go on', () => {
    const sim = bootedSim()
    const old = leaderOf(sim)
    if (!old) throw new Error('no leader')
    sim.dispatch({ type: 'stopComponent', id: old.id })
    const stoppedAt = sim.nowMs
    const elected = sim.runUntil((s) => {
      const l = leaderOf(s)
      return l !== undefined && l.id !== old.id && l.running
    }, 5 * ELECTION_MS)
    expect(elected).toBe(true)
    expect(sim.nowMs - stoppedAt).toBeLessThan(4 * ELECTION_MS)
    expect(leaderOf(sim)?.term).toBeGreaterThan(old.term)
    expect(sim.kubectl('kubectl apply -f -', makePodManifest('after').yaml()).output).toBe(
      'pod/after created',
    )
  })

  describe('split brain: the API server and etcd-1 cut off from etcd-2 and etcd-3', () => {
    function splitBrain(): { sim: Simulation; termBefore: number } {
      const sim = bootedSim()
      sim.kubectl('kubectl apply -f -', makePodManifest('web').yaml())
      sim.runUntil((s) => runningPods(s).length === 1, 20_000)
      leadWithEtcd1(sim)
      const termBefore = member(sim, 'etcd-1').term
      sim.dispatch({
        type: 'partition',
        sides: [
          ['etcd-1', 'kube-apiserver'],
          ['etcd-2', 'etcd-3'],
        ],
      })
      return { sim, termBefore }
    }

    it('the old leader steps down within two election timeouts; the majority elects a new one', () => {
      const { sim, termBefore } = splitBrain()
      sim.advance(2 * ELECTION_MS + 200)
      expect(member(sim, 'etcd-1').role).not.toBe('leader')
      const majority = ['etcd-2', 'etcd-3'].map((id) => member(sim, id))
      expect(majority.filter((m) => m.role === 'leader')).toHaveLength(1)
      expect(majority[0]?.term).toBeGreaterThan(termBefore)
    })

    it("writes through the minority side fail with etcd's error; the Pod keeps running", () => {
      const { sim } = splitBrain()
      const create = sim.kubectl('kubectl create -f -', makePodManifest('blocked').yaml())
      expect(create.exitCode).toBe(1)
      expect(create.output).toBe(
        'Error from server: error when creating "STDIN": etcdserver: request timed out',
      )
      const get = sim.kubectl('kubectl get pods')
      expect(get.output).toContain('etcdserver: request timed out')
      expect(runningPods(sim).map((p) => p.metadata?.name)).toEqual(['web'])
      expect(sim.snapshot().objects.some((o) => o.metadata?.name === 'blocked')).toBe(false)
    })

    it('after healing, the minority follows the new leader and its uncommitted entry is rolled back', () => {
      const { sim } = splitBrain()
      sim.dispatch({
        type: 'runKubectl',
        commandId: 'c',
        command: 'kubectl create -f -',
        stdin: makePodManifest('lost').yaml(),
      })
      sim.advance(200)
      const stranded = member(sim, 'etcd-1')
      expect(stranded.lastIndex).toBeGreaterThan(stranded.commit)
      const strandedIndex = stranded.lastIndex
      sim.advance(10_000)
      sim.dispatch({ type: 'heal' })
      sim.advance(3 * ELECTION_MS)
      const healed = member(sim, 'etcd-1')
      const leader = leaderOf(sim)
      expect(healed.role).toBe('follower')
      expect(healed.leader).toBe(leader?.id)
      const atIndex = healed.log.find((e) => e.index === strandedIndex)
      expect(atIndex?.summary).not.toBe('put /registry/pods/default/lost')
      expect(sim.kubectl('kubectl create -f -', makePodManifest('healed').yaml()).output).toBe(
        'pod/healed created',
      )
    })
  })

  it('a rejoining isolated member does not disrupt the leader (PreVote + CheckQuorum)', () => {
    const { sim, leader } = isolateAndRejoinAFollower(bootedSim())
    expect(leaderOf(sim)?.id).toBe(leader.id)
    expect(leaderOf(sim)?.term).toBe(leader.term)
  })

  it('without PreVote, the same rejoin forces an election at a higher term', () => {
    const { sim, leader } = isolateAndRejoinAFollower(bootedSim({ etcdRaft: { preVote: false } }))
    expect(leaderOf(sim)?.term).toBeGreaterThan(leader.term)
  })

  it('a 4th member makes the quorum 3, which still tolerates only 1 failure', () => {
    const sim = bootedSim()
    sim.dispatch({ type: 'addEtcdMember' })
    const caughtUp = sim.runUntil(
      (s) => member(s, 'etcd-4').applied === leaderOf(s)?.applied,
      3 * ELECTION_MS,
    )
    expect(caughtUp).toBe(true)
    const view = sim.etcd()
    expect(view.voters).toEqual(['etcd-1', 'etcd-2', 'etcd-3', 'etcd-4'])
    expect(view.quorum).toBe(3)
    expect(view.tolerates).toBe(1)
    const followers = view.members.filter((m) => m.role !== 'leader').map((m) => m.id)
    sim.dispatch({ type: 'stopComponent', id: followers[0] ?? '' })
    expect(sim.kubectl('kubectl create -f -', makePodManifest('one-down').yaml()).exitCode).toBe(0)
    sim.dispatch({ type: 'stopComponent', id: followers[1] ?? '' })
    sim.advance(3 * ELECTION_MS)
    const runningCommits = () =>
      sim
        .etcd()
        .members.filter((m) => m.running)
        .map((m) => m.commit)
    const commit = Math.max(...runningCommits())
    const create = sim.kubectl('kubectl create -f -', makePodManifest('two-down').yaml())
    expect(create.exitCode).toBe(1)
    expect(Math.max(...runningCommits())).toBe(commit)
  })

  it('a member restarted after a 4th joined boots with four voters, after a seek too', () => {
    const sim = bootedSim()
    sim.dispatch({ type: 'addEtcdMember' })
    sim.runUntil((s) => member(s, 'etcd-4').applied === leaderOf(s)?.applied, 3 * ELECTION_MS)
    const joinedAtMs = sim.nowMs
    sim.advance(ELECTION_MS)
    // Back to just after the join (restored from a checkpoint), then restart a boot member.
    sim.seekTo(joinedAtMs)
    sim.dispatch({ type: 'restartComponent', id: 'etcd-1' })
    sim.advance(3 * ELECTION_MS)
    const restarted = (
      sim as unknown as { kernel: { actors: Record<string, { raft: { voters: string[] } }> } }
    ).kernel.actors['etcd-1']
    expect(member(sim, 'etcd-1').running).toBe(true)
    expect(restarted?.raft.voters).toEqual(['etcd-1', 'etcd-2', 'etcd-3', 'etcd-4'])
  })

  it('an even split of four members (2 | 2) commits nothing', () => {
    const sim = bootedSim({ etcdMembers: 4 })
    const before = Math.max(...sim.etcd().members.map((m) => m.commit))
    sim.dispatch({
      type: 'partition',
      sides: [
        ['etcd-1', 'etcd-2', 'kube-apiserver'],
        ['etcd-3', 'etcd-4'],
      ],
    })
    sim.advance(5 * ELECTION_MS)
    expect(sim.etcd().members.filter((m) => m.role === 'leader')).toHaveLength(0)
    sim.kubectl('kubectl create -f -', makePodManifest('nope').yaml())
    expect(Math.max(...sim.etcd().members.map((m) => m.commit))).toBeLessThanOrEqual(before + 1)
    expect(sim.etcd().members.filter((m) => m.role === 'leader')).toHaveLength(0)
  })

  it('snapshots every 100,000 applied entries and keeps 5,000 behind, as etcd v3.5 does by default', () => {
    const sim = bootedSim()
    const actors = (sim as unknown as { kernel: { actors: Record<string, { kind: string }> } })
      .kernel.actors
    const members = Object.values(actors).filter((a): a is EtcdMemberState => a.kind === 'etcd')
    expect(members).toHaveLength(3)
    for (const m of members)
      expect(m.raft.config).toMatchObject({ snapshotThreshold: 100_000, compactionKeep: 5_000 })
  })

  it('a member that was down catches up on restart, by snapshot when the log moved past it', () => {
    const sim = bootedSim({ etcdRaft: { snapshotCount: 10, catchUpEntries: 2 } })
    const follower = sim.etcd().members.find((m) => m.role !== 'leader')
    if (!follower) throw new Error('no follower')
    sim.dispatch({ type: 'stopComponent', id: follower.id })
    for (let i = 0; i < 15; i++) sim.kubectl('kubectl create -f -', makePodManifest(`p${i}`).yaml())
    sim.dispatch({ type: 'startComponent', id: follower.id })
    sim.advance(3 * ELECTION_MS)
    const restored = sim.trace.some(
      (e) =>
        e.type === 'Narrated' &&
        e.text.startsWith(`${follower.id} restored the store from a snapshot`),
    )
    expect(restored).toBe(true)
    expect(member(sim, follower.id).revision).toBe(leaderOf(sim)?.revision)
  })

  it('a wiped member panics as etcd does; replacing it (remove, add) makes the cluster whole', () => {
    const sim = bootedSim()
    sim.kubectl('kubectl create -f -', makePodManifest('kept').yaml())
    const follower = sim.etcd().members.find((m) => m.role !== 'leader')
    if (!follower) throw new Error('no follower')
    sim.dispatch({ type: 'wipeEtcdMember', id: follower.id })
    sim.advance(ELECTION_MS)
    const wiped = member(sim, follower.id)
    expect(wiped.running).toBe(false)
    expect(wiped.crash).toMatch(/^panic: tocommit\(\d+\) is out of range \[lastIndex\(0\)\]/)
    sim.dispatch({ type: 'removeEtcdMember', id: follower.id })
    sim.advance(ELECTION_MS)
    sim.dispatch({ type: 'addEtcdMember' })
    sim.advance(3 * ELECTION_MS)
    const view = sim.etcd()
    expect(view.voters).toHaveLength(3)
    expect(view.voters).not.toContain(follower.id)
    const revisions = view.members.filter((m) => m.running).map((m) => m.revision)
    expect(new Set(revisions).size).toBe(1)
  })

  it('a leader on a slow disk sends heartbeats late under writes, and elections churn', () => {
    const sim = bootedSim()
    const leader = leaderOf(sim)
    if (!leader) throw new Error('no leader')
    sim.dispatch({ type: 'setDiskLatency', id: leader.id, fsyncMs: 2_500 })
    for (let i = 0; i < 3; i++) {
      sim.dispatch({
        type: 'runKubectl',
        commandId: `w${i}`,
        command: 'kubectl create -f -',
        stdin: makePodManifest(`slow${i}`).yaml(),
      })
      sim.advance(1_000)
    }
    sim.advance(5_000)
    expect(Math.max(...sim.etcd().members.map((m) => m.term))).toBeGreaterThan(leader.term)
    const warned = sim.trace.some(
      (e) =>
        e.type === 'Narrated' &&
        e.actor === leader.id &&
        e.text.startsWith('leader failed to send out heartbeat on time'),
    )
    expect(warned).toBe(true)
  })

  it('a message dropped by the user never arrives', () => {
    const sim = bootedSim()
    let heartbeat: Simulation['trace'][number] | undefined
    for (let i = 0; i < 1_000 && !heartbeat; i++) {
      const from = sim.trace.length
      sim.step()
      heartbeat = sim.trace
        .slice(from)
        .find(
          (e) =>
            e.type === 'MessageSent' &&
            e.label.startsWith('MsgHeartbeat') &&
            e.deliverAtMs > sim.nowMs,
        )
    }
    if (heartbeat?.type !== 'MessageSent') throw new Error('no heartbeat in flight')
    sim.dispatch({ type: 'dropMessage', id: heartbeat.id })
    sim.advance(50)
    const dropped = sim.trace.find((e) => e.type === 'MessageDropped' && e.id === heartbeat.id)
    expect(dropped?.type === 'MessageDropped' && dropped.reason).toBe('dropped by you')
  })

  it('replays faults deterministically: same seed and actions, same trace; seeking back too', () => {
    const run = () => {
      const sim = bootedSim()
      sim.dispatch({ type: 'setLinkLoss', a: 'etcd-1', b: 'etcd-2', fraction: 0.5 })
      sim.dispatch({ type: 'setDiskLatency', id: 'etcd-3', fsyncMs: 300 })
      sim.kubectl('kubectl create -f -', makePodManifest('a').yaml())
      sim.dispatch({ type: 'partition', sides: [['etcd-1'], ['etcd-2', 'etcd-3']] })
      sim.advance(4 * ELECTION_MS)
      sim.dispatch({ type: 'heal' })
      sim.advance(2 * ELECTION_MS)
      return sim
    }
    const first = run()
    const again = run()
    expect(JSON.stringify(again.trace)).toBe(JSON.stringify(first.trace))
    const end = first.nowMs
    const before = JSON.stringify(first.trace)
    first.seekTo(BOOT_MS + 500)
    first.seekTo(end)
    expect(JSON.stringify(first.trace)).toBe(before)
  })
})

describe('linearizable reads (linearizableReadLoop, etcd v3.5)', () => {
  it('share one ReadIndex among the reads that arrive while one is in flight', () => {
    const sim = bootedSim()
    // The API server sends to etcd-1; make it a follower, so each ReadIndex is a message.
    sim.dispatch({ type: 'raftTimeoutNow', id: 'etcd-2' })
    sim.advance(1_000)
    expect(leaderOf(sim)?.id).toBe('etcd-2')
    sim.kubectl('kubectl apply -f -', makePodManifest('web').yaml())
    const from = sim.traceEnd
    const gets = 6
    for (let i = 0; i < gets; i++)
      sim.dispatch({ type: 'runKubectl', commandId: `get-${String(i)}`, command: 'get pod web' })
    sim.advance(1_000)
    const trace = sim.trace.slice(from - sim.traceStart)
    const finished = trace.filter((e) => e.type === 'KubectlFinished' && e.exitCode === 0)
    expect(finished).toHaveLength(gets)
    // The six GETs reach etcd-1 within a couple of milliseconds of each other.
    const firstRead = trace.find(
      (e) => e.type === 'MessageSent' && e.label === 'Range /registry/pods/default/web',
    )?.atMs
    if (firstRead === undefined) throw new Error('no read reached etcd')
    const readIndexes = trace.filter(
      (e) =>
        e.type === 'MessageSent' &&
        e.from === 'etcd-1' &&
        e.label.startsWith('MsgReadIndex') &&
        e.atMs >= firstRead &&
        e.atMs < firstRead + 20,
    )
    // Not one ReadIndex per read: the first read's round, then one round for those that came
    // while it was in flight (none, when all six arrive in the instant it starts), plus at most
    // one for a background read.
    expect(readIndexes.length).toBeGreaterThanOrEqual(1)
    expect(readIndexes.length).toBeLessThanOrEqual(3)
  })
})
