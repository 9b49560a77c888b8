import type { FlowStep, RecordedAction, SimAction } from '../../sim/index'
import type { FlowLine } from '../../protocol/flow'
import {
  isEtcdRequest,
  isEtcdResponse,
  isHttpRequest,
  isHttpResponse,
  names,
  type Subject,
  type TraceMessage,
} from './flow-messages'
import { STEPS, type Interval } from './step-timeline'

/** What a user action asks of the flow tracker: which of its requests start a flow. */
export type FlowCause = (
  | { kind: 'create'; command: string } // apply / create / run: the Pod, or an owner's first Pod
  | { kind: 'delete'; command: string } // delete pod: follow a controller's replacement
  | { kind: 'scale'; command: string } // scale rs: follow its first new Pod
) & {
  /** A real client's request (npm run serve): `command` is its method and path. */
  served?: true
}

const CREATE = /^(apply|create)\b/
// Commands that create a workload from flags, without a manifest.
const CREATE_FROM_FLAGS = /^(run|create\s+deployment)\b/
const DELETE = /^delete\s+(pods?|po)\b/
const SCALE = /^scale\b/

/** Whether a user action starts a flow to follow, and how. */
export function flowCause(recorded: RecordedAction): FlowCause | undefined {
  const action = recorded.action
  if (action.type === 'apiRequest') return servedCause(action)
  if (action.type !== 'runKubectl') return undefined
  const command = action.command.trim().replace(/^kubectl\s+/, '')
  if (CREATE.test(command) && action.stdin !== undefined) return { kind: 'create', command }
  if (CREATE_FROM_FLAGS.test(command)) return { kind: 'create', command }
  if (DELETE.test(command)) return { kind: 'delete', command }
  if (SCALE.test(command)) return { kind: 'scale', command }
  return undefined
}

// The paths a real kubectl's create, apply, delete and scale send (src/server serves them).
const WORKLOADS = String.raw`/api(?:s/apps)?/v1/namespaces/[^/]+/(?:pods|replicasets|deployments)`
const COLLECTION = new RegExp(`^${WORKLOADS}$`)
const NAMED = new RegExp(`^${WORKLOADS}/[^/]+$`)
const NAMED_POD = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+$/
const SCALE_SUBRESOURCE =
  /^\/apis\/apps\/v1\/namespaces\/[^/]+\/(?:replicasets|deployments)\/[^/]+\/scale$/

/**
 * A real client's request as a flow's cause: a POST of a Pod, ReplicaSet or Deployment (kubectl
 * create, and apply of a new object: it GETs first, then POSTs), a server-side apply PATCH, a
 * Pod's DELETE, a PATCH or PUT of /scale. Other requests (GETs, watches, discovery) start none.
 */
function servedCause(request: Extract<SimAction, { type: 'apiRequest' }>): FlowCause | undefined {
  const { method, path } = request
  const command = `${method} ${path}`
  if (method === 'POST' && COLLECTION.test(path)) return { kind: 'create', command, served: true }
  const apply = request.contentType?.startsWith('application/apply-patch') === true
  if (method === 'PATCH' && apply && NAMED.test(path))
    return { kind: 'create', command, served: true }
  if (method === 'DELETE' && NAMED_POD.test(path)) return { kind: 'delete', command, served: true }
  if ((method === 'PATCH' || method === 'PUT') && SCALE_SUBRESOURCE.test(path))
    return { kind: 'scale', command, served: true }
  return undefined
}

interface Outstanding {
  from: string
  to: string
  step: FlowStep | undefined
  startMs: number
  etcd: boolean
}

/** The mutable state of one flow while the tracker reads the trace. */
export class FlowState {
  readonly id: number
  readonly cause: FlowCause
  readonly causeAtMs: number
  readonly commandId: string
  /** What kubectl acted on (resolved from its first Pod or ReplicaSet request). */
  subject?: Subject
  /** The Pod followed through steps 3–6. */
  pod?: Subject
  /** The Pod the user deleted (a delete flow). */
  deleted?: string
  /**
   * ReplicaSet whose controller creates the Pod to follow; for a Deployment, the Deployment's
   * name, which begins the names of its ReplicaSets (name-hash) and their Pods.
   */
  owner?: string
  caption = ''
  readonly intervals: Record<FlowStep, Interval[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }
  readonly firstMs: Partial<Record<FlowStep, number>> = {}
  readonly lastMs: Partial<Record<FlowStep, number>> = {}
  readonly lines: FlowLine[] = []
  /** Every message of the flow as [sent, delivered, between etcd members], for next-hop. */
  readonly hops: [number, number, boolean][] = []
  /** The kubelet has sent the Running status; its 200 OK completes the flow. */
  runningReported = false
  completedAtMs?: number
  closing?: string
  outcome?: { atMs: number; text: string }
  private readonly outstanding: Outstanding[] = []
  /** Untagged messages about Pods the owner's controller may have created, by Pod name. */
  readonly pendingPods = new Map<string, TraceMessage[]>()
  /** The controller's latest Pod POST, as the candidate step 1 of the Pod it creates. */
  controllerPost?: TraceMessage

  constructor(id: number, cause: FlowCause, causeAtMs: number, commandId: string) {
    this.id = id
    this.cause = cause
    this.causeAtMs = causeAtMs
    this.commandId = commandId
  }

  /** Whether a message belongs to this flow: it names the subject or the Pod, or answers one. */
  claims(m: TraceMessage): boolean {
    const own = [this.subject, this.pod].some((s) => s !== undefined && names(m, s))
    if (own) return true
    if (!isHttpResponse(m) && !isEtcdResponse(m)) return false
    // A response about another object (a system Pod's status the same kubelet posted, say) is
    // never this flow's, even on a link where the flow has a request open.
    if (m.about !== undefined) return false
    return this.outstanding.some((o) => o.from === m.to && o.to === m.from)
  }

  /** Records a message of the flow under `step`: its interval, and requests it leaves open. */
  add(m: TraceMessage, step: FlowStep): void {
    this.intervals[step].push({ start: m.atMs, end: m.deliverAtMs })
    this.hops.push([m.atMs, m.deliverAtMs, m.from.startsWith('etcd-') && m.to.startsWith('etcd-')])
    this.firstMs[step] = Math.min(this.firstMs[step] ?? Infinity, m.atMs)
    this.lastMs[step] = Math.max(this.lastMs[step] ?? -Infinity, m.deliverAtMs)
    if (isEtcdRequest(m) || isHttpRequest(m))
      this.outstanding.push({
        from: m.from,
        to: m.to,
        step,
        startMs: m.atMs,
        etcd: isEtcdRequest(m),
      })
    else if (isHttpResponse(m) || isEtcdResponse(m)) this.answer(m)
  }

  /**
   * Pairs a response with the oldest open request on its link. An etcd request keeps its step
   * active until answered (a slow fsync is work in hand, not idleness).
   */
  private answer(m: TraceMessage): void {
    const index = this.outstanding.findIndex((o) => o.from === m.to && o.to === m.from)
    if (index < 0) return
    const [request] = this.outstanding.splice(index, 1)
    if (request?.etcd && request.step !== undefined)
      this.intervals[request.step].push({ start: request.startMs, end: m.deliverAtMs })
  }

  /** Open etcd requests, each keeping its step active from its start on. */
  openIntervals(): Record<FlowStep, Interval[]> {
    const open = Object.fromEntries(STEPS.map((s) => [s, [] as Interval[]])) as Record<
      FlowStep,
      Interval[]
    >
    for (const o of this.outstanding)
      if (o.etcd && o.step !== undefined) open[o.step].push({ start: o.startMs, end: Infinity })
    return open
  }

  /** A component's words waiting for the plain line of their step (they often come first). */
  private pendingDetail: { step: FlowStep | undefined; text: string } | undefined

  /** Adds a narration line, unless it repeats the last one. */
  say(atMs: number, step: FlowStep | undefined, text: string, detail?: string): void {
    const last = this.lines[this.lines.length - 1]
    if (last?.text === text && detail === undefined) return
    const waiting = this.pendingDetail?.step === step ? this.pendingDetail?.text : undefined
    if (waiting !== undefined) this.pendingDetail = undefined
    const words = detail ?? waiting
    this.lines.push({ atMs, step, text, ...(words !== undefined ? { detail: words } : {}) })
  }

  /**
   * Adds a component's own words (expert detail) to the latest line of the same step, or keeps
   * them for the next line of that step.
   */
  detail(atMs: number, step: FlowStep | undefined, text: string): void {
    const last = this.lines[this.lines.length - 1]
    if (last && last.atMs <= atMs && last.step === step && last.detail === undefined)
      last.detail = text
    else this.pendingDetail = { step, text }
  }
}
