import type { AnyActor } from './cluster'
import { drainReady } from './etcd/member-ready'
import { createEtcdMemberState, DEFAULT_FSYNC_MS, type EtcdMemberState } from './etcd/member-state'
import { proposeConfChange, timeoutNow } from './etcd/raft/rawnode'
import { makeStorage } from './etcd/raft/storage'
import { createMvcc } from './etcd/mvcc'
import { forkRng } from './core/rng'
import {
  canReach,
  isHostDown,
  placeComponent,
  setHostDown,
  setLinkBlocked,
  setLinkLoss,
} from './network/network'
import {
  resetClientConnections,
  startActor,
  withActorContext,
  type KernelState,
  type TraceSink,
} from './runtime/kernel'
import { BEHAVIOURS, CONTROL_PLANE_HOST, MAX_ETCD_MEMBERS, etcdMemberId } from './cluster'
import type { ApiServerState } from './apiserver/state'
import { resetInformer, type InformerState } from './runtime/informer'

type Kernel = KernelState<AnyActor>
type Member = EtcdMemberState & { incarnation: number }

// ErrUnhealthy, "etcdserver: unhealthy cluster": with --strict-reconfig-check (default true)
// etcd refuses a membership change that would leave fewer started members than a quorum
// (isReadyToAddVotingMember / isReadyToRemoveVotingMember, server/etcdserver/server.go, v3.5).
export const ERR_UNHEALTHY = 'etcdserver: unhealthy cluster'

export function etcdMembers(kernel: Kernel): Member[] {
  return Object.values(kernel.actors).filter((a): a is Member => a.kind === 'etcd')
}

function apiServers(kernel: Kernel): (ApiServerState & { incarnation: number })[] {
  return Object.values(kernel.actors).filter(
    (a): a is ApiServerState & { incarnation: number } => a.kind === 'kube-apiserver',
  )
}

function narrate(kernel: Kernel, sink: TraceSink, actor: string, text: string): void {
  sink.record({ type: 'Narrated', actor, text }, kernel.nowMs)
}

/** Components named directly or by the machine they run on ("node-2" names its three). */
export function expandTargets(kernel: Kernel, names: readonly string[]): string[] {
  const wanted = new Set(names)
  return Object.values(kernel.actors)
    .filter((a) => wanted.has(a.id) || wanted.has(a.host))
    .map((a) => a.id)
}

/** Cuts every link between the two sides, both ways; what is on neither side is untouched. */
export function partition(kernel: Kernel, sides: readonly [string[], string[]]): void {
  const left = expandTargets(kernel, sides[0])
  const right = expandTargets(kernel, sides[1])
  for (const a of left)
    for (const b of right) if (a !== b) setLinkBlocked(kernel.network, a, b, true)
}

/** Reconnects the two sides of one partition; links cut by another partition stay cut. */
export function unpartition(kernel: Kernel, sides: readonly [string[], string[]]): void {
  const left = expandTargets(kernel, sides[0])
  const right = expandTargets(kernel, sides[1])
  for (const a of left)
    for (const b of right) if (a !== b) setLinkBlocked(kernel.network, a, b, false)
}

/** Heals every partition and every lossy link. */
export function heal(kernel: Kernel): void {
  kernel.network.blockedPairs = {}
  kernel.network.lossRates = {}
}

export function linkLoss(kernel: Kernel, a: string, b: string, fraction: number): void {
  for (const x of expandTargets(kernel, [a]))
    for (const y of expandTargets(kernel, [b])) setLinkLoss(kernel.network, x, y, fraction)
}

/** The process dies: the host resets its TCP connections, so its clients learn at once. */
export function stopComponent(kernel: Kernel, sink: TraceSink, id: string): void {
  const actor = kernel.actors[id]
  if (!actor) return
  // A stopped process stays stopped: a restart the kubelet had scheduled after a crash is off.
  actor.incarnation++
  if (!actor.running) return
  actor.running = false
  notifyStaticPod(kernel, sink, id, false)
  resetClientConnections(kernel, sink, id)
  if (actor.kind !== 'etcd') return
  withActorContext(kernel, sink, id, (ctx) => {
    for (const api of apiServers(kernel))
      ctx.send(api.id, { type: 'connection-reset' }, { label: 'TCP RST (etcd exited)' })
  })
}

/** Stop, delete the data directory (WAL, snap, db), start empty: it must catch up from the leader. */
export function wipeMember(kernel: Kernel, sink: TraceSink, id: string): void {
  const member = etcdMembers(kernel).find((m) => m.id === id)
  if (!member) return
  stopComponent(kernel, sink, id)
  member.bootVoters = [...member.raft.voters]
  member.disk = makeStorage()
  member.mvcc = createMvcc()
  member.removed = false
  startActor(kernel, BEHAVIOURS, sink, id)
}

export function setDiskLatency(kernel: Kernel, id: string, fsyncMs: number): void {
  const member = etcdMembers(kernel).find((m) => m.id === id)
  if (member) member.fsyncMs = Math.max(0, fsyncMs)
}

/** MsgTimeoutNow: the member campaigns at once, skipping PreVote (leadership transfer's kick). */
export function forceElection(kernel: Kernel, sink: TraceSink, id: string): void {
  const member = etcdMembers(kernel).find((m) => m.id === id)
  if (!member?.running) return
  withActorContext(kernel, sink, id, (ctx) => {
    timeoutNow(member.raft)
    drainReady(ctx, member)
  })
}

function leaderOf(kernel: Kernel): Member | undefined {
  return etcdMembers(kernel).find((m) => m.running && m.raft.role === 'leader')
}

/** Members the leader can reach now: etcd's "started and connected" for strict reconfig. */
function startedVoters(kernel: Kernel, leader: Member): number {
  return leader.raft.voters.filter((id) => {
    const m = kernel.actors[id]
    return m?.running === true && (id === leader.id || canReach(kernel.network, leader.id, id))
  }).length
}

/** `etcdctl member add` then starting the new member: it joins with an empty log. */
export function addMember(kernel: Kernel, sink: TraceSink): void {
  const leader = leaderOf(kernel)
  const size = leader?.raft.voters.length ?? 0
  if (
    !leader ||
    size >= MAX_ETCD_MEMBERS ||
    startedVoters(kernel, leader) < Math.floor((size + 1) / 2) + 1
  )
    return narrate(kernel, sink, 'etcdctl', `member add failed: ${ERR_UNHEALTHY}`)
  let n = 1
  while (kernel.actors[etcdMemberId(n)]) n++
  const id = etcdMemberId(n)
  if (!proposeConfChange(leader.raft, { type: 'AddNode', nodeId: id }).ok)
    return narrate(kernel, sink, 'etcdctl', `member add failed: ${ERR_UNHEALTHY}`)
  withActorContext(kernel, sink, leader.id, (ctx) => drainReady(ctx, leader))
  const voters = [...leader.raft.voters, id]
  const state = createEtcdMemberState(
    id,
    CONTROL_PLANE_HOST,
    voters,
    forkRng(leader.rng, id),
    leader.raftOptions,
  )
  kernel.actors[id] = { ...state, incarnation: 0 }
  placeComponent(kernel.network, id, 'control-plane', `${CONTROL_PLANE_HOST}-${id}`)
  // The membership each member keeps on disk now has the new member: a restart boots with it.
  // (The boot members' list was the API server's endpoint list by accident of aliasing until
  // the two were separated: a checkpoint copy would have split them.)
  for (const member of etcdMembers(kernel))
    if (member.id !== id && !member.bootVoters.includes(id))
      member.bootVoters = [...member.bootVoters, id]
  for (const api of apiServers(kernel)) {
    api.etcdEndpoints.push(id)
    api.etcdHealth[id] = { healthy: true }
  }
  narrate(kernel, sink, 'etcdctl', `Member ${id} added to the cluster; starting it`)
  startActor(kernel, BEHAVIOURS, sink, id)
}

/** `etcdctl member remove`: the member stops itself once it applies its removal. */
export function removeMember(kernel: Kernel, sink: TraceSink, id: string): void {
  const leader = leaderOf(kernel)
  const size = leader?.raft.voters.length ?? 0
  const started = leader ? startedVoters(kernel, leader) : 0
  const removedStarted = kernel.actors[id]?.running === true ? 1 : 0
  if (
    !leader ||
    size <= 1 ||
    !leader.raft.voters.includes(id) ||
    started - removedStarted < Math.floor((size - 1) / 2) + 1
  )
    return narrate(kernel, sink, 'etcdctl', `member remove ${id} failed: ${ERR_UNHEALTHY}`)
  if (!proposeConfChange(leader.raft, { type: 'RemoveNode', nodeId: id }).ok)
    return narrate(kernel, sink, 'etcdctl', `member remove ${id} failed: ${ERR_UNHEALTHY}`)
  withActorContext(kernel, sink, leader.id, (ctx) => drainReady(ctx, leader))
  narrate(kernel, sink, 'etcdctl', `Member ${id} removed from the cluster`)
}

/** The components on one worker node (kubelet, container runtime, kube-proxy, …). */
function componentsOn(kernel: Kernel, node: string): AnyActor[] {
  return Object.values(kernel.actors).filter((a) => a.host === node && a.kind !== 'kubectl')
}

/**
 * Power a node off: every process on it stops and its machine answers nothing (no TCP resets),
 * so the control plane learns only from the silence: the node Lease stops being renewed.
 */
export function stopNode(kernel: Kernel, sink: TraceSink, node: string): void {
  const components = componentsOn(kernel, node)
  if (components.length === 0 || isHostDown(kernel.network, node)) return
  setHostDown(kernel.network, node, true)
  for (const actor of components) {
    // Off means off: a restart scheduled after a crash does not happen either.
    actor.incarnation++
    actor.running = false
  }
  narrate(
    kernel,
    sink,
    node,
    `${node} powered off: its containers stop, its kubelet stops renewing the node Lease`,
  )
}

/**
 * Power it on: the machine boots with no containers (images stay on disk); the kubelet starts
 * afresh, registers, renews its Lease and restarts the pods still bound to it.
 */
export function startNode(kernel: Kernel, sink: TraceSink, node: string): void {
  const components = componentsOn(kernel, node)
  if (components.length === 0 || !isHostDown(kernel.network, node)) return
  setHostDown(kernel.network, node, false)
  for (const actor of components) {
    if (actor.kind === 'container-runtime') Object.assign(actor, { sandboxes: {}, containers: {} })
    if (actor.kind === 'kubelet')
      Object.assign(actor, { workers: {}, pendingCri: new Map(), registered: false })
    // A booted process remembers nothing: its informers list from scratch.
    const host = actor as {
      informers?: Record<string, InformerState>
      client?: { pending: object }
    }
    for (const informer of Object.values(host.informers ?? {})) resetInformer(informer)
    if (host.client) host.client.pending = new Map()
  }
  narrate(kernel, sink, node, `${node} powered on: the kubelet starts and registers again`)
  for (const kind of ['container-runtime', 'kubelet', 'kube-proxy'])
    for (const actor of components)
      if (actor.kind === kind) startActor(kernel, BEHAVIOURS, sink, actor.id)
}

/**
 * A control-plane component stopped or started on a kubeadm node: its static Pod manifest left
 * or came back, and the node's kubelet deletes or recreates the mirror Pod.
 */
export function notifyStaticPod(
  kernel: Kernel,
  sink: TraceSink,
  id: string,
  present: boolean,
): void {
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'kubelet' || !actor.staticPods?.some((p) => p.component === id)) continue
    withActorContext(kernel, sink, id, (ctx) => {
      ctx.send(
        actor.id,
        { type: 'static-pod', component: id, present },
        { label: `manifest ${present ? 'back in' : 'moved out of'} /etc/kubernetes/manifests` },
      )
    })
  }
}

/**
 * The instructor's "heal all": the network whole, every powered-off node booted, every container
 * fault gone, every stopped process started again (a control-plane one's static Pod back), every disk healthy. A removed
 * member stays removed and a crashed one (etcd panicked on start) stays down: starting them would
 * not help, they need the remove-and-add a human would do.
 */
export function healAll(kernel: Kernel, sink: TraceSink): void {
  heal(kernel)
  for (const member of etcdMembers(kernel)) member.fsyncMs = DEFAULT_FSYNC_MS
  // Crash loops and bad images end; the kubelet's back-off decides when the container is back.
  for (const actor of Object.values(kernel.actors))
    if (actor.kind === 'container-runtime') delete actor.containerFaults
  const hosts = new Set(Object.values(kernel.actors).map((a) => a.host))
  for (const host of hosts) if (isHostDown(kernel.network, host)) startNode(kernel, sink, host)
  const stopped = Object.values(kernel.actors).filter(
    (a) => !a.running && !(a.kind === 'etcd' && (a.removed || a.crash !== undefined)),
  )
  for (const actor of stopped) {
    startActor(kernel, BEHAVIOURS, sink, actor.id)
    notifyStaticPod(kernel, sink, actor.id, true)
  }
}
