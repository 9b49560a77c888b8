import { shareClone } from './core/share-clone'
import { TraceLog } from './trace-log'
import { boundaryBefore, ChangedActors, withCheckpoint, type Checkpoint } from './checkpoint-policy'
import type { RecordedAction, SimAction } from './actions'
import { applyAction } from './apply-action'
import { BEHAVIOURS, BOOT_ORDER, buildCluster, type AnyActor, type ClusterOptions } from './cluster'
import type { SimEvent, SimEventPayload } from './events'
import { nodeRulesOf, type NodeRulesView } from './kube-proxy/rules-view'
import { blockingRequest, waitForTrace, type ApiRequest, type ApiResponse } from './client-calls'
import {
  nextEventAtMs,
  processNext,
  startActor,
  type KernelState,
  type TraceSink,
} from './runtime/kernel'
import { linkStatus } from './network/network'
import { etcdMembers } from './faults'
import { clusterView, type EtcdClusterView } from './etcd/member-view'
import { containersOf, type ContainerView } from './kubelet/containers-view'
import {
  changesSince,
  observedStore,
  componentsOf,
  takeSnapshot,
  type ClusterSnapshot,
  type ComponentInfo,
  type StoreChange,
} from './snapshot'
import type { ComponentKind } from './runtime/actor'
import { schedulerViewOf, type SchedulerView } from './scheduler/scheduler-view'
import * as inspector from './etcd-inspector'
import { kubeconfigView, type KubeconfigView } from './kubectl/kubeconfig-view'
import { forkedLog, insertionIndex, logProblem, sharedPrefix } from './action-log'

/** Actions a dispatch schedules to apply by themselves later (a timed fault's heal). */
export interface FollowUp {
  afterMs: number
  actions: SimAction[]
}

/** Options for a whole run: the cluster, plus how often to checkpoint for seeking. */
export interface SimulationOptions extends ClusterOptions {
  /**
   * Virtual time between checkpoint boundaries; a boundary takes a checkpoint once the events
   * since the last one pay for its copy (checkpoint-policy.ts), so seeking back replays this
   * much in a small cluster and more in a large one.
   */
  checkpointIntervalMs?: number
  /**
   * Keep at most this many trace entries (the most recent; default: all). A bounded trace drops
   * its oldest half when full, so `trace[0]` is entry `traceStart`; the run itself is the same,
   * the trace is only its record. Seeking back to before the kept window replays from the
   * checkpoint and records again from there.
   */
  traceLimit?: number
  /**
   * Bytes the kept checkpoints may hold together, copied and pinned (checkpoint-policy.ts;
   * default CHECKPOINT_BYTE_BUDGET). A browser tab passes less (protocol/scale.ts).
   */
  checkpointByteBudget?: number
}

const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000

export interface KubectlResult {
  exitCode: number
  output: string
}

/**
 * One deterministic run of a cluster. Input is only `dispatch(action)` and the passing of
 * virtual time; the same seed and the same actions at the same times give the same trace.
 * Seeking back restores the nearest checkpoint and replays the recorded actions; dispatching
 * after a seek back forks a new history from there.
 */
export class Simulation {
  private kernel: KernelState<AnyActor>
  private readonly traceLog: TraceLog
  private actionLog: RecordedAction[] = []
  private nextAction = 0
  private checkpoints: Checkpoint[] = []
  /** What the next checkpoint may share with the last one taken or restored. */
  private readonly changed = new ChangedActors()
  private horizon = 0
  /** The kernel without the nodes' agents: the views below, read every frame, skip 15,000 of them. */
  private readonly controlPlane = inspector.controlPlaneOf(() => [this.kernel, this.nextAction])
  private commandCounter = 0
  private readonly checkpointIntervalMs: number
  private readonly sink: TraceSink = {
    record: (event: SimEventPayload, atMs: number) => {
      this.traceLog.record(event, atMs)
    },
  }

  readonly options: SimulationOptions

  constructor(options: SimulationOptions = {}) {
    this.options = options
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS
    this.traceLog = new TraceLog(options.traceLimit)
    this.kernel = buildCluster(options)
    const ids = Object.values(this.kernel.actors)
      .sort((a, b) => BOOT_ORDER.indexOf(a.kind) - BOOT_ORDER.indexOf(b.kind))
      .map((a) => a.id)
    for (const id of ids) startActor(this.kernel, BEHAVIOURS, this.sink, id)
    this.takeCheckpoint(0)
  }

  /** Current virtual time in ms. */
  get nowMs(): number {
    return this.kernel.nowMs
  }

  /** The furthest virtual time this history has reached (the end of the timeline). */
  get horizonMs(): number {
    return this.horizon
  }

  /**
   * Every trace event so far, in order, or with `traceLimit` the most recent ones (from
   * `traceStart`). The array is live: callers must not modify it.
   */
  get trace(): readonly SimEvent[] {
    return this.traceLog.entries
  }

  /**
   * Sequence number of `trace[0]`: the entries before it were dropped by `traceLimit` (0 for an
   * unbounded trace). An entry's `seq` is its sequence number.
   */
  get traceStart(): number {
    return this.traceLog.start
  }

  /** The sequence number the next trace entry will get (the trace's length, dropped included). */
  get traceEnd(): number {
    return this.traceLog.end
  }

  /** When the next queued event or recorded action is due, or undefined when nothing is. */
  get nextEventAtMs(): number | undefined {
    const nextEvent = nextEventAtMs(this.kernel)
    const nextAction = this.actionLog[this.nextAction]?.atMs
    if (nextEvent === undefined) return nextAction
    return nextAction === undefined ? nextEvent : Math.min(nextEvent, nextAction)
  }

  /** Queue items processed in this history (messages delivered and timers fired). */
  get processedEvents(): number {
    return this.kernel.processedEvents
  }

  /** Queue items processed in this history by kind (message body or Raft type, timer name). */
  get eventsByKind(): Readonly<Record<string, number>> {
    return this.kernel.eventsByKind
  }

  /** The recorded actions of this history. */
  get actions(): readonly RecordedAction[] {
    return this.actionLog
  }

  /**
   * Applies a user action now, forking the history if we are in the past. `followUp` actions are
   * recorded to apply by themselves `afterMs` later: a fault that heals itself.
   */
  dispatch(action: SimAction, followUp?: FollowUp): void {
    const now = this.kernel.nowMs
    const recordedFuture = this.actionLog
      .slice(this.nextAction)
      .some((e) => e.scheduledAtMs === undefined)
    if (now < this.horizon || recordedFuture) this.fork()
    // Every entry due by now has been applied; what is left are follow-ups, all due later.
    this.actionLog.splice(this.nextAction, 0, { atMs: now, action })
    this.nextAction++
    this.changed.all()
    applyAction(this.kernel, this.sink, action)
    if (!followUp) return
    const atMs = now + Math.max(1, Math.round(followUp.afterMs))
    for (const next of followUp.actions)
      this.actionLog.splice(insertionIndex(this.actionLog, atMs), 0, {
        atMs,
        action: next,
        scheduledAtMs: now,
      })
  }

  /**
   * Makes `log` this run's action log (a shared scenario, the instructor's window followed by the
   * presenter's): the shared prefix is kept; if an entry that differs was already due, the run
   * goes back to before it and replays to where it was. Throws on a log that is not in time order.
   */
  adoptActions(log: readonly RecordedAction[]): void {
    const problem = logProblem(log)
    if (problem !== undefined) throw new Error(`cannot adopt the action log: ${problem}`)
    const same = sharedPrefix(this.actionLog, log)
    if (same === this.actionLog.length && same === log.length) return
    const divergeAt = Math.min(this.actionLog[same]?.atMs ?? Infinity, log[same]?.atMs ?? Infinity)
    const resumeAt = this.kernel.nowMs
    this.actionLog = log.map((entry) => ({ ...entry }))
    if (this.nextAction <= same && resumeAt <= divergeAt) return
    this.checkpoints = this.checkpoints.filter((c) => c.actionCount <= same && c.atMs <= divergeAt)
    this.restore(this.checkpoints[this.checkpoints.length - 1])
    this.horizon = this.kernel.nowMs
    this.advanceTo(resumeAt)
  }

  /** Runs virtual time forward by `ms`. */
  advance(ms: number): void {
    this.advanceTo(this.kernel.nowMs + Math.max(0, ms))
  }

  /** Runs every event and recorded action due up to `targetMs`, then sets the clock to it. */
  advanceTo(targetMs: number): void {
    for (;;) {
      const action = this.actionLog[this.nextAction]
      const due = action !== undefined && action.atMs <= targetMs
      this.runEventsUpTo(due ? action.atMs : targetMs)
      if (!due) break
      this.kernel.nowMs = action.atMs
      this.nextAction++
      this.changed.all()
      applyAction(this.kernel, this.sink, action.action)
    }
    if (targetMs > this.kernel.nowMs) this.kernel.nowMs = targetMs
    this.horizon = Math.max(this.horizon, this.kernel.nowMs)
  }

  /** Advances to the next instant at which something happens that the trace records. */
  step(): boolean {
    const before = this.traceEnd
    for (let guard = 0; guard < 10_000 && this.traceEnd === before; guard++) {
      const nextEvent = nextEventAtMs(this.kernel)
      const nextAction = this.actionLog[this.nextAction]?.atMs
      const next = Math.min(nextEvent ?? Infinity, nextAction ?? Infinity)
      if (next === Infinity) return false
      this.advanceTo(next)
    }
    return this.traceEnd > before
  }

  /** Moves to any time: forward by running, backward by restoring a checkpoint and replaying. */
  seekTo(targetMs: number): void {
    const target = Math.max(0, targetMs)
    if (target >= this.kernel.nowMs) return this.advanceTo(target)
    this.restore(this.checkpoints.findLast((c) => c.atMs <= target) ?? this.checkpoints[0])
    this.advanceTo(target)
  }

  private restore(checkpoint: Checkpoint | undefined): void {
    if (!checkpoint) throw new Error('no checkpoint to go back to')
    this.kernel = shareClone(checkpoint.kernel)
    this.changed.since(checkpoint.kernel)
    this.traceLog.truncate(checkpoint.traceLength)
    this.nextAction = checkpoint.actionCount
  }

  /**
   * Goes back to `atMs` and forgets every recorded action after the first `keepActions`, so this
   * history forks there: playing on does not replay what was done after that point. A lesson's
   * "reset step" is this, with the step's start.
   */
  resetTo(atMs: number, keepActions: number): void {
    const target = Math.max(0, Math.min(atMs, this.kernel.nowMs))
    this.actionLog = this.actionLog.slice(0, Math.max(0, keepActions))
    this.checkpoints = this.checkpoints.filter(
      (c) => c.atMs <= target && c.actionCount <= this.actionLog.length,
    )
    const checkpoint = this.checkpoints[this.checkpoints.length - 1]
    this.restore(checkpoint)
    this.horizon = checkpoint?.atMs ?? 0
    this.advanceTo(target)
  }

  /** Runs a kubectl command line now and lets time pass until it exits (like a blocking CLI). */
  kubectl(command: string, stdin?: string): KubectlResult {
    const commandId = `kubectl-${++this.commandCounter}`
    const from = this.traceEnd
    this.dispatch({
      type: 'runKubectl',
      commandId,
      command,
      ...(stdin !== undefined ? { stdin } : {}),
    })
    const result = waitForTrace(this, from, (event) =>
      event.type === 'KubectlFinished' && event.commandId === commandId
        ? { exitCode: event.exitCode, output: event.output }
        : undefined,
    )
    return result ?? { exitCode: 1, output: 'error: the simulated kubectl timed out' }
  }

  /**
   * Sends one HTTP request to kube-apiserver, from the user's machine (the kubeconfig's current
   * context's credentials, or `auth`'s), and lets time pass until the answer arrives. `body` is JSON text, decoded by the API server
   * as any client's body is. A PATCH without a contentType is a JSON merge patch.
   */
  request(request: ApiRequest): ApiResponse {
    return blockingRequest(this, `request-${++this.commandCounter}`, request)
  }

  /** Runs until `predicate` holds (checked after each instant) or `maxMs` passes; returns whether it held. */
  runUntil(predicate: (sim: Simulation) => boolean, maxMs: number): boolean {
    const deadline = this.kernel.nowMs + maxMs
    while (!predicate(this)) {
      const next = nextEventAtMs(this.kernel)
      if (next === undefined || next > deadline) {
        this.advanceTo(deadline)
        return predicate(this)
      }
      this.advanceTo(next)
    }
    return true
  }

  /**
   * The objects stored in etcd (under `prefix`, /registry/ by default) and the components, now.
   * Pure read; the objects are shared with later snapshots while etcd holds the same value, so
   * callers must not change them.
   */
  snapshot(prefix?: string): ClusterSnapshot {
    return takeSnapshot(this.kernel, prefix)
  }

  /** The etcd revision of the observed store (cheap: changes exactly when stored objects do). */
  get revision(): number {
    return observedStore(this.controlPlane())?.mvcc.revision ?? 0
  }

  /** API server and etcd load meters: seats, queues, 429s, bytes, watch cache size, lists. */
  readonly loadMeters = () => inspector.loadMetersOf(this.controlPlane())

  /** Every container on every node, as the nodes' runtimes know them (not as etcd says). */
  containers(): ContainerView[] {
    return containersOf(this.kernel)
  }

  /** Every component (cheap: no stored object is decoded). */
  components(kind?: ComponentKind): ComponentInfo[] {
    const all = componentsOf(this.kernel)
    return kind === undefined ? all : all.filter((c) => c.kind === kind)
  }

  /** Each API server and the etcd endpoint it sends to now. */
  etcdClients(): { id: string; endpoint: string }[] {
    return inspector.etcdClientsOf(this.controlPlane())
  }

  /** Whether the link between two components is cut, and what fraction of it is lost. */
  linkStatus(a: string, b: string): { blocked: boolean; loss: number } {
    return linkStatus(this.kernel.network, a, b)
  }

  /** The etcd cluster now: every member's Raft state, the quorum and the failures it tolerates. */
  etcd(): EtcdClusterView {
    return clusterView(etcdMembers(this.controlPlane()))
  }

  /** The student's kubeconfig, decoded for the "how does kubectl find the API server?" view. */
  kubeconfig(): KubeconfigView | undefined {
    const actor = this.kernel.actors['kubectl']
    return actor?.kind === 'kubectl' ? kubeconfigView(actor.kubeconfig) : undefined
  }

  /** `etcdctl get <key>` on the observed member, and how the API server reads the value. */
  etcdGet(key: string): inspector.StoredValueView | undefined {
    return inspector.etcdGetOf(this.controlPlane(), key)
  }

  /** `etcdctl get --prefix --keys-only <prefix>`, in key order. */
  etcdKeys(prefix = '/registry/'): string[] {
    return inspector.etcdKeysOf(this.controlPlane(), prefix)
  }

  /** What the API server would make of `key`'s value stored under `asKey` (the aesgcm AAD demo). */
  etcdReadAs(key: string, asKey: string): inspector.StoredValueView['read'] | undefined {
    return inspector.etcdReadAsOf(this.controlPlane(), key, asKey)
  }

  /** kube-apiserver's encryption file, the config it loaded, and why it exited if it did. */
  apiServerStatus(): inspector.ApiServerStatus | undefined {
    return inspector.apiServerStatusOf(this.kernel)
  }

  /** Stored changes after etcd revision `revision` ('reset' when compacted): what deltas carry. */
  changesSince(revision: number): StoreChange[] | 'reset' {
    return changesSince(this.controlPlane(), revision)
  }

  /** The scheduler's kept decisions and its queue, now (undefined without a scheduler). Pure read. */
  schedulerView(): SchedulerView | undefined {
    const actor = this.kernel.actors['kube-scheduler']
    return actor?.kind === 'kube-scheduler' ? schedulerViewOf(actor) : undefined
  }

  /**
   * One node's Service rules as the kernel has them (`iptables-save`, `ipvsadm -Ln`), rendered
   * now; undefined for a node without kube-proxy. Pure read.
   */
  kubeProxyRules(node: string): NodeRulesView | undefined {
    return nodeRulesOf(this.kernel.actors, node, this.kernel.nowMs)
  }

  private runEventsUpTo(limitMs: number): void {
    for (
      let next = nextEventAtMs(this.kernel);
      next !== undefined && next <= limitMs;
      next = nextEventAtMs(this.kernel)
    ) {
      const boundary = boundaryBefore(next, this.checkpointIntervalMs, this.checkpoints)
      if (boundary !== undefined && boundary >= this.kernel.nowMs) this.takeCheckpoint(boundary)
      this.changed.beforeNext(this.kernel)
      processNext(this.kernel, BEHAVIOURS, this.sink)
    }
  }

  private takeCheckpoint(atMs: number): void {
    this.kernel.nowMs = Math.max(this.kernel.nowMs, atMs)
    const where = { atMs, traceLength: this.traceEnd, actionCount: this.nextAction }
    const budget = this.options.checkpointByteBudget
    this.checkpoints = withCheckpoint(this.checkpoints, this.kernel, where, this.changed, budget)
  }

  private fork(): void {
    this.actionLog = forkedLog(this.actionLog, this.nextAction, this.kernel.nowMs)
    this.checkpoints = this.checkpoints.filter(
      (c) => c.atMs <= this.kernel.nowMs && c.actionCount <= this.nextAction,
    )
    this.horizon = this.kernel.nowMs
  }
}

/** Builds and boots a cluster at virtual time 0. */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options)
}
