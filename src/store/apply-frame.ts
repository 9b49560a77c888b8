import type { Frame } from '../protocol/messages'
import type { MessageRecord, ObjectRecord } from '../protocol/records'
import { reduceScheduler } from './apply-scheduler'
import { reduceWorkloads } from './apply-workloads'
import { reduceAuth } from './apply-auth'
import { MAX_SCALE_IN_FLIGHT, reduceScale } from './apply-scale'
import type { SimAction } from '../sim/index'
import type { AppState, AppStore } from './store'

const MAX_EVENTS = 300
const MAX_NARRATION = 200
const MAX_KUBECTL = 50
const MAX_RECENT_RAFT = 40
const MAX_CRASHES = 5

/** A message on the etcd peer network (both ends are members). */
export function isRaftMessage(m: MessageRecord): boolean {
  return m.from.startsWith('etcd-') && m.to.startsWith('etcd-')
}

type Collections = Pick<
  AppState,
  'pods' | 'nodes' | 'replicaSets' | 'events' | 'deployments' | 'leases'
>

function upsert(target: Collections, record: ObjectRecord): void {
  switch (record.kind) {
    case 'Pod':
      target.pods[record.key] = record
      return
    case 'Node':
      target.nodes[record.key] = record
      return
    case 'ReplicaSet':
      target.replicaSets[record.key] = record
      return
    case 'Deployment':
      target.deployments[record.key] = record
      return
    case 'Lease':
      target.leases[record.key] = record
      return
    case 'Event': {
      const index = target.events.findIndex((e) => e.key === record.key)
      if (index >= 0) target.events[index] = record
      else target.events.push(record)
      return
    }
    case 'Service':
    case 'EndpointSlice':
      // Kept by reduceWorkloads (apply-workloads.ts).
      return
  }
}

function remove(target: Collections, key: string): void {
  delete target.pods[key]
  delete target.nodes[key]
  delete target.replicaSets[key]
  delete target.deployments[key]
  delete target.leases[key]
  target.events = target.events.filter((e) => e.key !== key)
}

const sortedKeys = <T extends { name: string }>(records: Record<string, T>): string[] =>
  Object.keys(records).sort((a, b) =>
    (records[a]?.name ?? '') < (records[b]?.name ?? '') ? -1 : 1,
  )

function markLost(
  messages: MessageRecord[],
  lost: { id: number; reason: string }[] | undefined,
): MessageRecord[] {
  if (!lost) return messages
  const reasons = new Map(lost.map((l) => [l.id, l.reason]))
  return messages.map((m) => (reasons.has(m.id) ? { ...m, lost: reasons.get(m.id) } : m))
}

/**
 * After a seek: kubectl's outputs are those printed by now, and its pending commands those sent
 * by now and not answered yet (a command further on runs again as the history replays).
 */
function rewindKubectl(
  state: AppState,
  frame: Frame,
): Pick<AppState, 'kubectl' | 'pendingCommands'> {
  const kubectl = [
    ...state.kubectl.filter(
      (k) => k.atMs <= frame.simTimeMs && !frame.kubectl.some((n) => n.commandId === k.commandId),
    ),
    ...frame.kubectl,
  ].slice(-MAX_KUBECTL)
  const answered = new Set(kubectl.map((k) => k.commandId))
  const pendingCommands: Record<string, string> = {}
  for (const { atMs, action } of frame.actions ?? state.actions)
    if (action.type === 'runKubectl' && atMs <= frame.simTimeMs && !answered.has(action.commandId))
      pendingCommands[action.commandId] = action.command
  return { kubectl, pendingCommands }
}

const MAX_RECONCILES = 100
const MAX_MARKS = 100
// What the timeline marks: a node failing or coming back, taints, evictions, leaders changing.
const MARK =
  /^(node controller: |taint eviction: |kube-(controller-manager|scheduler)\S*( holds the Lease|: leaderelection lost)|node-\S+ powered|\S+ powered (off|on))/

/** The controller manager's narration (the Controllers tab) and the timeline's marks. */
function controllerNarration(
  state: AppState,
  frame: Frame,
): Pick<AppState, 'reconciles' | 'marks'> {
  // After seeking back, what lies past the new time has not happened (yet) in this history.
  const kept = (list: AppState['reconciles']) =>
    frame.reset ? list.filter((n) => n.atMs <= frame.simTimeMs) : list
  const reconciles = frame.narration.filter((n) => n.actor.startsWith('kube-controller-manager'))
  const marks = frame.narration.filter((n) => MARK.test(n.text))
  return {
    reconciles: [...kept(state.reconciles), ...reconciles].slice(-MAX_RECONCILES),
    marks: [...kept(state.marks), ...marks].slice(-MAX_MARKS),
  }
}

/** Applies one frame from the worker: records, trace slice, timeline. Pure function of (state, frame). */
export function reduceFrame(state: AppState, frame: Frame): Partial<AppState> {
  const collections: Collections = frame.reset
    ? { pods: {}, nodes: {}, replicaSets: {}, events: [], deployments: {}, leases: {} }
    : {
        pods: { ...state.pods },
        nodes: { ...state.nodes },
        replicaSets: { ...state.replicaSets },
        events: [...state.events],
        deployments: { ...state.deployments },
        leases: { ...state.leases },
      }
  const records = frame.reset ? frame.reset.objects : frame.delta.upserted
  for (const record of records) upsert(collections, record)
  for (const key of frame.delta.removed) remove(collections, key)
  collections.events.sort((a, b) => a.lastMs - b.lastMs)
  const next: Partial<AppState> = {
    ...collections,
    events: collections.events.slice(-MAX_EVENTS),
    podKeys: sortedKeys(collections.pods),
    nodeKeys: sortedKeys(collections.nodes),
    simTimeMs: frame.simTimeMs,
    horizonMs: frame.horizonMs,
    traceLength: frame.traceLength,
    playing: frame.playing,
    effectiveRate: frame.effectiveRate,
    frameSeq: frame.seq,
    inFlight: [...(frame.reset ? [] : state.inFlight), ...frame.messages]
      .filter((m) => m.deliverAtMs > frame.simTimeMs)
      .slice(frame.scale ? -MAX_SCALE_IN_FLIGHT : 0),
    narration: [...(frame.reset ? [] : state.narration), ...frame.narration].slice(-MAX_NARRATION),
    ...controllerNarration(state, frame),
  }
  if (frame.reset) next.components = frame.reset.components
  if (frame.components) next.components = frame.components
  if (frame.etcd) next.etcd = frame.etcd
  const raft = frame.messages.filter(isRaftMessage)
  if (raft.length > 0 || frame.reset || frame.lost)
    next.recentRaft = markLost(
      [...(frame.reset ? [] : state.recentRaft), ...raft].slice(-MAX_RECENT_RAFT),
      frame.lost,
    )
  if (frame.actions)
    next.actions = frame.actions.map((a, i) => ({
      ...a,
      summary: frame.actionSummaries?.[i] ?? a.action.type,
    }))
  if (frame.lesson !== undefined) next.lesson = frame.lesson ?? undefined
  if (frame.crashes) next.crashes = [...state.crashes, ...frame.crashes].slice(-MAX_CRASHES)
  if (frame.fork) next.forkNotice = frame.fork
  if (frame.reset) Object.assign(next, rewindKubectl(state, frame))
  else if (frame.kubectl.length > 0) {
    next.kubectl = [
      ...state.kubectl.filter((k) => !frame.kubectl.some((n) => n.commandId === k.commandId)),
      ...frame.kubectl,
    ].slice(-MAX_KUBECTL)
    const pending = { ...state.pendingCommands }
    for (const k of frame.kubectl) delete pending[k.commandId]
    next.pendingCommands = pending
  }
  if (frame.flow !== undefined) next.flow = frame.flow ?? undefined
  Object.assign(next, reduceScheduler(state, frame.scheduler, collections.pods))
  Object.assign(next, reduceWorkloads(state, frame))
  Object.assign(next, reduceAuth(state, frame.auth))
  Object.assign(next, reduceScale(state, frame))
  if (frame.load) next.load = frame.load
  return next
}

/**
 * Store action: the client dropped an action from its replay. Its notice stays up; a kubectl
 * command it was gets an answer (an error) so nothing waits for it forever.
 */
export function recordDroppedAction(
  store: AppStore,
  dropped: { summary: string; atMs: number; reason: string; action: SimAction },
): void {
  store.setState((state) => {
    const next: Partial<AppState> = {
      // The notice says what happened; the restart message before it is over.
      workerError: undefined,
      droppedActions: [
        ...state.droppedActions,
        { summary: dropped.summary, atMs: dropped.atMs, reason: dropped.reason },
      ],
    }
    const action = dropped.action
    if (action.type === 'runKubectl') {
      const pending = { ...state.pendingCommands }
      delete pending[action.commandId]
      next.pendingCommands = pending
      // Its answer, if it had one, belongs to a history that is gone: the answer now is that it was dropped.
      next.kubectl = [
        ...state.kubectl.filter((k) => k.commandId !== action.commandId),
        {
          commandId: action.commandId,
          exitCode: 1,
          output: `error: this command was not run: replaying it crashed the simulation again (${dropped.reason})`,
          atMs: dropped.atMs,
        },
      ].slice(-MAX_KUBECTL)
      // The step list stops following what this command started: it is not in the history now.
      if (state.flow?.commandId === action.commandId) next.flow = undefined
    }
    return next
  })
}

/** Store action: the user read a dropped-action notice. */
export function dismissDroppedAction(store: AppStore, index: number): void {
  store.setState((state) => ({
    droppedActions: state.droppedActions.filter((_, i) => i !== index),
  }))
}

/** Store action: apply a frame. Module-level, no hook needed (worker-driven updates). */
export function applyFrame(store: AppStore, frame: Frame): void {
  store.setState((state) => reduceFrame(state, frame))
}
