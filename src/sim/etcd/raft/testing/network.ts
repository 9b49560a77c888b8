/**
 * An in-memory network of Raft members for tests and for the simulation engineer to reuse.
 * Pure and deterministic: it holds plain data and every operation is a function. Messages sit
 * in one queue; a test chooses which to deliver, drop, duplicate or reorder, can cut links,
 * crash members (losing everything not persisted) and restart them from their storage.
 *
 * The application on each member is a tiny state machine: it counts applied entries and keeps
 * a rolling hash of them, so two members that applied the same prefix have the same hash.
 */
import { createRaft, step, tick } from '../raft'
import type { RaftConfigInput, RaftState } from '../raft-state'
import { advance, hasReady, takeReady } from '../ready'
import {
  applyConfChange,
  createSnapshot,
  propose,
  readIndex,
  reportSnapshot,
  shouldSnapshot,
} from '../rawnode'
import { loadPersisted, makeStorage, persistReady, persistSnapshot } from '../storage'
import type { MemoryStorage } from '../storage'
import type { ConfChange, Entry, MemberId, Message, RaftResult } from '../types'

/** The application state: how many entries were applied, and a hash of all of them. */
export interface AppState {
  index: number
  hash: number
}

export interface Member {
  id: MemberId
  /** undefined while crashed. */
  raft: RaftState | undefined
  storage: MemoryStorage
  app: AppState
  /** Linearizable reads waiting for applied >= index. */
  pendingReads: { ctx: string; index: number }[]
  /** Applied its own RemoveNode: stopped for good, as etcdserver stops a removed member. */
  removed: boolean
}

export interface AppliedEvent {
  id: MemberId
  index: number
  hash: number
  entry?: Entry
}

export interface ReadResult {
  id: MemberId
  ctx: string
  index: number
  app: AppState
}

export interface Network {
  ids: MemberId[]
  /** The initial voters (every member unless makeNetwork was told otherwise). */
  voters: MemberId[]
  members: Record<MemberId, Member>
  config: Omit<RaftConfigInput, 'id' | 'voters' | 'rngSeed'>
  seed: number
  inFlight: Message[]
  /** Cut links, as 'a>b'. */
  cut: string[]
  /** Applied entries and restored snapshots since the last drain, for checkers. */
  applied: AppliedEvent[]
  reads: ReadResult[]
  /** When on, every member's narration lands here (scenario output); off for property runs. */
  traceEvents: boolean
  events: string[]
  restarts: number
}

export function makeNetwork(
  size: number,
  config: Omit<RaftConfigInput, 'id' | 'voters' | 'rngSeed'> = {},
  seed = 1,
  initialVoters?: MemberId[],
): Network {
  const ids = Array.from({ length: size }, (_, i) => `etcd-${i + 1}`)
  const voters = initialVoters ?? ids
  const net: Network = {
    ids,
    voters,
    members: {},
    config,
    seed,
    inFlight: [],
    cut: [],
    applied: [],
    reads: [],
    traceEvents: false,
    events: [],
    restarts: 0,
  }
  for (const id of ids) {
    net.members[id] = {
      id,
      raft: createRaft({ ...config, id, voters, rngSeed: seed }),
      storage: makeStorage(),
      app: { index: 0, hash: 0 },
      pendingReads: [],
      removed: false,
    }
  }
  return net
}

export function member(net: Network, id: MemberId): Member {
  const m = net.members[id]
  if (m === undefined) throw new Error(`no member ${id}`)
  return m
}

/** The member's Raft state if it is running (neither crashed nor removed). */
export function liveRaft(net: Network, id: MemberId): RaftState | undefined {
  const m = net.members[id]
  return m === undefined || m.removed ? undefined : m.raft
}

export function raftOf(net: Network, id: MemberId): RaftState {
  const r = member(net, id).raft
  if (r === undefined) throw new Error(`${id} is down`)
  return r
}

export function isLinked(net: Network, from: MemberId, to: MemberId): boolean {
  return !net.cut.includes(`${from}>${to}`)
}

// FNV-style mixing of the entry identity into the running hash.
function mix(hash: number, e: Entry): number {
  const text = `${e.index}/${e.term}/${e.type}/${JSON.stringify(e.data)}`
  let h = hash ^ 0x9e3779b9
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Runs the Ready loop for one member until it is quiet: persist, send, apply, advance. */
export function processReady(net: Network, id: MemberId): void {
  const m = member(net, id)
  const r = liveRaft(net, id)
  if (r === undefined) return
  while (hasReady(r)) {
    const rd = takeReady(r)
    if (net.traceEvents) for (const e of rd.events) net.events.push(e.text)
    persistReady(m.storage, rd)
    for (const msg of rd.messages) sendMessage(net, msg)
    if (rd.snapshot !== undefined) {
      m.app = structuredClone(rd.snapshot.data as AppState)
      net.applied.push({ id, index: m.app.index, hash: m.app.hash })
    }
    for (const e of rd.committedEntries) {
      if (e.index <= m.app.index) continue
      m.app = { index: e.index, hash: mix(m.app.hash, e) }
      net.applied.push({ id, index: e.index, hash: m.app.hash, entry: e })
      if (e.type !== 'ConfChange') continue
      const cc = e.data as ConfChange
      applyConfChange(r, cc)
      if (cc.type === 'RemoveNode' && cc.nodeId === id) m.removed = true
    }
    for (const rs of rd.readStates) m.pendingReads.push({ ctx: rs.requestCtx, index: rs.index })
    advance(r, rd)
    // etcdserver stops a member that applied its own removal (server.go applyConfChange
    // shouldStop, v3.5); its state stays frozen here for inspection.
    if (m.removed) return
    serveReads(net, m)
    if (shouldSnapshot(r)) persistSnapshot(m.storage, createSnapshot(r, structuredClone(m.app)))
  }
}

function serveReads(net: Network, m: Member): void {
  const ready = m.pendingReads.filter((p) => p.index <= m.app.index)
  if (ready.length === 0) return
  m.pendingReads = m.pendingReads.filter((p) => p.index > m.app.index)
  for (const p of ready) net.reads.push({ id: m.id, ctx: p.ctx, index: p.index, app: m.app })
}

/**
 * A message sent over a cut link is lost. Links are checked again on delivery, so a message
 * sent before a partition is lost too. A MsgSnap stays queued until then, so that its loss is
 * reported to the leader outside this member's Ready loop.
 */
function sendMessage(net: Network, msg: Message): void {
  if (isLinked(net, msg.from, msg.to) || msg.type === 'MsgSnap') net.inFlight.push(msg)
}

/** A lost MsgSnap is reported to the leader, as etcd's transport does (ReportSnapshot). */
function reportLost(net: Network, msg: Message): void {
  if (msg.type !== 'MsgSnap') return
  const sender = liveRaft(net, msg.from)
  if (sender === undefined) return
  reportSnapshot(sender, msg.to, true)
  processReady(net, msg.from)
}

/** Delivers the message at queue position `k` (any order: this is how tests reorder). */
export function deliver(net: Network, k = 0): boolean {
  const msg = net.inFlight[k]
  if (msg === undefined) return false
  net.inFlight.splice(k, 1)
  const target = liveRaft(net, msg.to)
  if (target === undefined || !isLinked(net, msg.from, msg.to)) {
    reportLost(net, msg)
    return true
  }
  step(target, msg)
  processReady(net, msg.to)
  return true
}

export function drop(net: Network, k = 0): void {
  const msg = net.inFlight[k]
  if (msg === undefined) return
  net.inFlight.splice(k, 1)
  reportLost(net, msg)
}

export function duplicate(net: Network, k = 0): void {
  const msg = net.inFlight[k]
  if (msg !== undefined) net.inFlight.push(msg)
}

/** Delivers everything in order until the network is quiet (or `max` deliveries). */
export function deliverAll(net: Network, max = 10_000): number {
  let n = 0
  while (n < max && deliver(net, 0)) n++
  return n
}

export function tickMember(net: Network, id: MemberId): void {
  const r = liveRaft(net, id)
  if (r === undefined) return
  tick(r)
  processReady(net, id)
}

export function tickAll(net: Network): void {
  for (const id of net.ids) tickMember(net, id)
}

/** Ticks every member and delivers all traffic, `rounds` times. */
export function run(net: Network, rounds: number): void {
  for (let i = 0; i < rounds; i++) {
    tickAll(net)
    deliverAll(net)
  }
}

/** Cuts every link between different groups (both directions). */
export function partition(net: Network, groups: MemberId[][]): void {
  net.cut = []
  const groupOf = new Map<MemberId, number>()
  groups.forEach((g, i) => {
    for (const id of g) groupOf.set(id, i)
  })
  for (const a of net.ids) {
    for (const b of net.ids) {
      if (a !== b && groupOf.get(a) !== groupOf.get(b)) net.cut.push(`${a}>${b}`)
    }
  }
}

export function isolate(net: Network, id: MemberId): void {
  partition(net, [[id], net.ids.filter((x) => x !== id)])
}

export function heal(net: Network): void {
  net.cut = []
}

/** Crash: volatile state is lost; storage stays. */
export function crash(net: Network, id: MemberId): void {
  const m = member(net, id)
  m.raft = undefined
  m.pendingReads = []
}

/** Restart from storage (a follower at the persisted term); the app restarts from the snapshot. */
export function restart(net: Network, id: MemberId): void {
  const m = member(net, id)
  if (m.raft !== undefined || m.removed) return
  net.restarts++
  const cfg = { ...net.config, id, voters: net.voters, rngSeed: net.seed + net.restarts * 7919 }
  m.raft = createRaft(cfg, loadPersisted(m.storage))
  const data = m.storage.snapshot?.data as AppState | undefined
  m.app = data === undefined ? { index: 0, hash: 0 } : structuredClone(data)
  processReady(net, id)
}

export function proposeAt(net: Network, id: MemberId, data: unknown): RaftResult {
  const r = liveRaft(net, id)
  if (r === undefined) return { ok: false, error: 'ErrProposalDropped' }
  const res = propose(r, data)
  processReady(net, id)
  return res
}

export function readIndexAt(net: Network, id: MemberId, ctx: string): RaftResult {
  const r = liveRaft(net, id)
  if (r === undefined) return { ok: false, error: 'ErrReadIndexDropped' }
  const res = readIndex(r, ctx)
  processReady(net, id)
  return res
}

/** The leaders currently believing they lead, highest term first. */
export function leaders(net: Network): RaftState[] {
  return net.ids
    .map((id) => liveRaft(net, id))
    .filter((r): r is RaftState => r?.role === 'leader')
    .sort((a, b) => b.term - a.term)
}
