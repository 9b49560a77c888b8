import type { FlowStep, RecordedAction, SimEvent } from '../../sim/index'
import type { FlowRecord } from '../../protocol/flow'
import {
  isApiServer,
  isControllerManager,
  isHttpResponse,
  requestTarget,
  subjectOf,
  type RequestTarget,
  type TraceMessage,
} from './flow-messages'
import { narrate } from './flow-narration'
import { flowCause, FlowState } from './flow-state'
import { mergeIntervals, STEPS, stepChanges, type StepWork } from './step-timeline'
import { captionOf, closingOf } from './flow-text'

/**
 * Follows the Pod the user's latest action caused, through the six steps, by reading the
 * simulation's trace: an apply or create (the Pod, or a ReplicaSet's or Deployment's first Pod), a delete (the
 * controller's replacement) or a scale (the first new Pod). Incremental: `update` reads only the
 * events since the last call; after a seek back, `reset` and it rebuilds from the latest cause.
 */
export class FlowTracker {
  private flow: FlowState | undefined
  /** Sequence number of the next trace entry to read; undefined: find the latest cause first. */
  private cursor: number | undefined
  private actionsSeen = 0
  private nextId = 1
  private lastJson = ''

  /** Forget everything: the next update re-reads the trace (after a seek back or a load). */
  reset(): void {
    this.flow = undefined
    this.cursor = undefined
    this.actionsSeen = 0
    this.lastJson = ''
  }

  /** The current flow, or undefined when no action has started one. */
  record(): FlowRecord | undefined {
    return this.flow ? toRecord(this.flow) : undefined
  }

  /**
   * Reads the trace since the last call. Returns the flow record when it changed since the last
   * returned one, null when there is no flow any more, undefined when nothing changed.
   * `traceStart` is the sequence number of `trace[0]` (a bounded trace drops its oldest entries).
   */
  update(
    trace: readonly SimEvent[],
    actions: readonly RecordedAction[],
    traceStart = 0,
  ): FlowRecord | null | undefined {
    this.ingest(trace, actions, traceStart)
    const record = this.record()
    const json = record ? JSON.stringify(record) : 'null'
    if (json === this.lastJson) return undefined
    this.lastJson = json
    return record ?? null
  }

  /** Reads the trace since the last call, without building a record (cheap: next-hop). */
  ingest(trace: readonly SimEvent[], actions: readonly RecordedAction[], traceStart = 0): void {
    // Entries dropped before they were read are skipped: the flow misses them, the run does not.
    let i = (this.cursor ?? traceStart + this.latestCause(trace, actions)) - traceStart
    for (i = Math.max(0, i); i < trace.length; i++) {
      const event = trace[i]
      if (event) this.read(event, actions)
    }
    this.cursor = traceStart + trace.length
  }

  /**
   * For "next hop": how many messages the flow has had, and the next time after `afterMs` that
   * one of them arrives (Raft's own messages count only when `withRaft`). Undefined without a
   * flow in progress.
   */
  hops(afterMs: number, withRaft: boolean): { count: number; nextArrival: number } | undefined {
    const flow = this.flow
    if (!flow || afterMs >= (flow.completedAtMs ?? Infinity)) return undefined
    if (flow.outcome && afterMs >= flow.outcome.atMs) return undefined
    const hops = flow.hops.filter(([, , peer]) => withRaft || !peer)
    const arrivals = hops.map(([, at]) => at).filter((at) => at > afterMs)
    return { count: hops.length, nextArrival: Math.min(Infinity, ...arrivals) }
  }

  /**
   * Where to start reading: the index in `trace` of the latest action that started a flow
   * (nothing before it matters), or the end when there is none.
   */
  private latestCause(trace: readonly SimEvent[], actions: readonly RecordedAction[]): number {
    const now = trace[trace.length - 1]?.atMs ?? 0
    let index = -1
    for (let i = actions.length - 1; i >= 0; i--) {
      const a = actions[i]
      if (a && a.atMs <= now && flowCause(a)) {
        index = i
        break
      }
    }
    const cause = actions[index]
    if (!cause) {
      this.actionsSeen = actions.filter((a) => a.atMs <= now).length
      return trace.length
    }
    // The cause's ActionApplied: the first event at its time, then as many ActionApplied as
    // actions before it at the same instant.
    let low = 0
    let high = trace.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((trace[mid]?.atMs ?? Infinity) < cause.atMs) low = mid + 1
      else high = mid
    }
    let skip = actions.slice(0, index).filter((a) => a.atMs === cause.atMs).length
    for (let i = low; i < trace.length; i++) {
      if (trace[i]?.type !== 'ActionApplied') continue
      if (skip-- > 0) continue
      this.actionsSeen = index
      return i
    }
    return trace.length
  }

  private read(event: SimEvent, actions: readonly RecordedAction[]): void {
    const flow = this.flow
    switch (event.type) {
      case 'ActionApplied': {
        const action = actions[this.actionsSeen++]
        const cause = action ? flowCause(action) : undefined
        if (action?.action.type === 'runKubectl' && cause)
          this.flow = new FlowState(this.nextId++, cause, event.atMs, action.action.commandId)
        // A real kubectl's request (npm run serve): its request id stands for the command.
        if (action?.action.type === 'apiRequest' && cause)
          this.flow = new FlowState(this.nextId++, cause, event.atMs, action.action.requestId)
        if (this.flow && this.flow !== flow) this.flow.caption = captionOf(this.flow)
        return
      }
      case 'MessageSent':
        // A finished flow takes no more hops (at scale: thousands of messages a frame to skip).
        if (flow && flow.completedAtMs === undefined) onMessage(flow, event)
        return
      case 'KubectlFinished':
        if (flow?.commandId === event.commandId && event.exitCode !== 0)
          flow.outcome = { atMs: event.atMs, text: `kubectl failed: ${event.output}` }
        return
      case 'Narrated':
        if (flow && event.about && event.about.name === (flow.pod ?? flow.subject)?.name)
          flow.detail(event.atMs, event.step, `${event.actor}: ${event.text}`)
        return
      case 'KubeEventRecorded':
        if (event.reason === 'FailedScheduling' && flow?.pod?.name === event.about.name)
          flow.say(
            event.atMs,
            3,
            `No node can take ${flow.pod.name} now (${event.message.split(' preemption:')[0] ?? ''}). It stays Pending; the scheduler tries again when something changes. Scheduler → Why Pending? says what to do.`,
            event.message,
          )
        return
      case 'ApiResponded':
        if (flow?.commandId === event.requestId && event.code >= 400)
          flow.outcome = { atMs: event.atMs, text: `kubectl failed: ${servedError(event)}` }
        return
      case 'MessageDropped':
      case 'ApiWatchEvent':
      case 'ComponentCrashed':
      case 'ComponentRestarted':
      case 'KubectlOutput':
      case 'KubeProxySynced':
      case 'TrafficRequestFinished':
      case 'AuthorizationDecided':
        return
    }
  }
}

/** Reads one message into the flow: resolves what it follows, then records the flow's own. */
function onMessage(flow: FlowState, m: TraceMessage): void {
  if (!flow.subject && !flow.deleted) resolveSubject(flow, m)
  if ((flow.owner ?? flow.deleted) !== undefined && !flow.pod) watchController(flow, m)
  if (!flow.claims(m)) return
  const step = m.step ?? (flow.pod && flow.owner && !flow.firstMs[3] ? (2 as const) : undefined)
  if (step === undefined) return
  flow.add(m, step)
  const pod = flow.pod?.name ?? flow.subject?.name ?? ''
  const text = narrate(m, {
    kind: flow.subject?.kind ?? 'Pod',
    name: flow.subject?.name ?? pod,
    pod,
  })
  if (text) flow.say(m.atMs, step, text)
  if (step === 6 && m.label.includes('(Running)')) flow.runningReported = true
  if (step === 6 && flow.runningReported && isHttpResponse(m) && m.label.startsWith('200')) {
    flow.completedAtMs = m.deliverAtMs
    flow.closing = closingOf(flow, m.to)
  }
}

/**
 * The first Pod, ReplicaSet or Deployment request kubectl sends for the action decides what to
 * follow: the Pod itself, or the first Pod its owner's controllers create.
 */
function resolveSubject(flow: FlowState, m: TraceMessage): void {
  if (m.from !== 'kubectl' || m.step !== 1) return
  const target = withName(requestTarget(m.label), m)
  const subject = target ? subjectOf(target) : undefined
  if (!target || !subject) return
  if (flow.cause.kind === 'delete') {
    if (target.method === 'DELETE' && subject.kind === 'Pod') flow.deleted = subject.name
  } else {
    flow.subject = subject
    if (subject.kind === 'Pod') flow.pod = subject
    else flow.owner = subject.name
  }
  flow.caption = captionOf(flow)
}

/** A real client's POST names its object in the body only: the message's `about` has it. */
function withName(target: RequestTarget | undefined, m: TraceMessage): RequestTarget | undefined {
  if (!target || target.name !== undefined || m.about === undefined) return target
  return { ...target, name: m.about.name }
}

/** A served request's error, as kubectl prints it: the Status's message, or the code. */
function servedError(event: Extract<SimEvent, { type: 'ApiResponded' }>): string {
  const body = event.body as { message?: unknown } | null
  return typeof body?.message === 'string' ? body.message : `HTTP ${String(event.code)}`
}

/**
 * Until the owner's controller has created a Pod: remember its latest Pod POST (step 1 of that
 * Pod) and the messages about Pods it may be creating; its 201 Created names the Pod.
 */
function watchController(flow: FlowState, m: TraceMessage): void {
  const rs = m.about?.kind === 'ReplicaSet' ? m.about.name : undefined
  if (isControllerManager(m.from) && m.label.startsWith('POST pods') && rs) {
    if (flow.deleted?.startsWith(`${rs}-`)) flow.owner = rs
    // A Deployment's Pods come from the ReplicaSet its controller made: <deployment>-<hash>.
    const ofDeployment =
      flow.subject?.kind === 'Deployment' && rs.startsWith(`${flow.owner ?? ''}-`)
    if (rs === flow.owner || ofDeployment) flow.controllerPost = m
    return
  }
  const podName = m.about?.kind === 'Pod' ? m.about.name : undefined
  if (!flow.controllerPost || !podName?.startsWith(`${flow.owner ?? ''}-`)) return
  const created = isApiServer(m.from) && isControllerManager(m.to) && m.label.startsWith('201')
  if (!created) {
    const seen = flow.pendingPods.get(podName) ?? []
    seen.push(m)
    flow.pendingPods.set(podName, seen)
    return
  }
  flow.pod = { kind: 'Pod', namespace: m.about?.namespace ?? 'default', name: podName }
  const post = flow.controllerPost
  flow.add(post, 1)
  flow.say(post.atMs, 1, narrate(post, { kind: 'Pod', name: podName, pod: podName }) ?? '')
  for (const earlier of flow.pendingPods.get(podName) ?? [])
    if (earlier.atMs >= post.atMs) flow.add(earlier, 2)
  flow.pendingPods.clear()
  flow.caption = captionOf(flow)
}

/** The flow as the UI gets it: each step's changes of state, the story, the end. */
function toRecord(flow: FlowState): FlowRecord {
  const open = flow.openIntervals()
  const starts = STEPS.map((s) => ({ step: s, starts: flow.intervals[s].map((i) => i.start) }))
  const work: StepWork = {
    intervals: Object.fromEntries(
      STEPS.map((s) => {
        const others = starts.filter((o) => o.step !== s).flatMap((o) => o.starts)
        return [s, mergeIntervals([...flow.intervals[s], ...open[s]], others)]
      }),
    ) as StepWork['intervals'],
    completedAtMs: flow.completedAtMs,
  }
  return {
    id: flow.id,
    cause: flow.cause.command,
    commandId: flow.commandId,
    causeAtMs: flow.causeAtMs,
    pod: flow.pod?.name,
    caption: flow.caption,
    steps: STEPS.map((step: FlowStep) => ({
      step,
      changes: stepChanges(work, step),
      firstMs: flow.firstMs[step],
      lastMs: flow.lastMs[step],
    })),
    lines: flow.lines.map((line) => ({ ...line })),
    completedAtMs: flow.completedAtMs,
    closing: flow.closing,
    outcome: flow.outcome,
  }
}
