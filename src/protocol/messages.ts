import type {
  FollowUp,
  LoadMetersView,
  RecordedAction,
  SimAction,
  SimulationOptions,
} from '../sim/index'
import type { Catalog, LessonCommand, LessonStatus, SessionResume } from './lesson'
import type {
  ComponentRecord,
  CrashRecord,
  EtcdRecord,
  KubectlOutputRecord,
  MessageRecord,
  NarrationRecord,
  ObjectRecord,
  RulesRecord,
  SchedulerFrame,
  TrafficRecord,
  AuthFrame,
} from './records'
import type { FlowRecord } from './flow'
import type { ScaleFrame, ScaleLoad, ScaleViewRequest } from './scale'

/**
 * The worker protocol version. Every message carries it; a mismatch is a clear error, never
 * silently misread data. Bump it when any type in this folder changes shape.
 */
export const PROTOCOL_VERSION = 9

/** What the main thread asks of the worker. */
export type ToWorkerBody =
  | {
      type: 'load'
      options: SimulationOptions
      /** Run this much virtual time at once before the first frame (the cluster boots). */
      bootMs: number
      /** Replayed after boot, after a crash: the action log is the source of truth. */
      replay?: RecordedAction[]
      /** Then seek here. */
      seekMs?: number
      /**
       * Set for a shared scenario: its actions must all apply, or it is refused
       * (`scenarioRefused`) and this cluster is opened instead.
       */
      fallback?: SimulationOptions
      /**
       * The page acknowledges each frame (`ack`) and says when it is hidden (`visibility`): the
       * host then sends at most one frame per acknowledged one and none to a hidden page. A
       * served simulation never gets a `load`, so its viewers' acks and visibility are ignored.
       */
      flowControl?: boolean
      /** Scale mode: aggregates instead of Pod and Node records (see protocol/scale.ts). */
      scale?: ScaleLoad
    }
  /** The page applied frames up to `seq`: the host may send the next one. */
  | { type: 'ack'; seq: number }
  /** The page was hidden or shown; shown again, it gets one catch-up frame. */
  | { type: 'visibility'; visible: boolean }
  /** Scale mode: which Pods the page shows (the Pods table's window, a node's Pods). */
  | ({ type: 'scaleView' } & ScaleViewRequest)
  | { type: 'dispatch'; action: SimAction; followUp?: FollowUp }
  /**
   * Follow another window exactly (the presenter's view): adopt its action log (when it changed),
   * go to its time, report its play state. The follower's clock does not run by itself.
   */
  | {
      type: 'mirror'
      actions?: RecordedAction[]
      timeMs: number
      playing: boolean
      speed: number
      followMessages: boolean
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  /** To the followed flow's next message: the next one sent, or one in flight arriving. */
  | { type: 'nextHop'; withRaft: boolean }
  | { type: 'setSpeed'; speed: number }
  | { type: 'seek'; timeMs: number }
  | { type: 'setFollowMessages'; on: boolean }
  /** Send this node's Service rules in frames whenever they change (null: stop). */
  | { type: 'watchRules'; node: string | null }
  /** Which etcd key the inspector shows (a view choice: not a SimAction, not replayed). */
  | { type: 'inspectEtcdKey'; key: string }
  /** Send the lesson catalog (every bundled lesson file, validated). */
  | { type: 'catalog' }
  /** Start a lesson at a step (fresh, earlier steps played by their solutions), or resume one. */
  | { type: 'lessonOpen'; lessonId: string; step: number; resume?: SessionResume | undefined }
  | { type: 'lesson'; command: LessonCommand }
  /**
   * Fault injection, for the recovery test and an instructor's demo: the worker itself dies (an
   * uncaught error, not a component crash the simulation contains) whenever it applies an action
   * whose JSON contains `actionMatching` (a Pod's name in a manifest, say), as a bug triggered by
   * that action would. The client resends it to every worker it starts.
   */
  | { type: 'injectWorkerCrash'; actionMatching: string }

export type ToWorker = ToWorkerBody & { protocolVersion: number }

/** The changes of one batch: what was stored or removed, keyed by etcd key. */
export interface Delta {
  upserted: ObjectRecord[]
  removed: string[]
}

/**
 * Everything that happened in one slice of virtual time, sent at most once per animation
 * frame. `reset` replaces all state (on load and after seeking back); otherwise apply `delta`.
 */
export interface Frame {
  seq: number
  simTimeMs: number
  horizonMs: number
  /** Entries in the run's trace so far: the same seed and actions give the same count. */
  traceLength: number
  playing: boolean
  speed: number
  followMessages: boolean
  /** Virtual ms advanced per wall ms right now (less than speed while following messages). */
  effectiveRate: number
  reset?: { objects: ObjectRecord[]; components: ComponentRecord[] }
  delta: Delta
  messages: MessageRecord[]
  narration: NarrationRecord[]
  kubectl: KubectlOutputRecord[]
  /** Present when the action log changed (a dispatch, or a fork after seeking back). */
  actions?: RecordedAction[]
  /** One line per action in `actions`, as the timeline and a recovery notice name it. */
  actionSummaries?: string[]
  /** Trace events left out of this frame to keep it small. */
  droppedEvents: number
  /** Messages lost in this slice of time, and why. */
  lost?: { id: number; reason: string }[]
  /** The etcd cluster, when anything in it changed since the last frame. */
  etcd?: EtcdRecord
  /** Every component, when one was added, stopped or started since the last frame. */
  components?: ComponentRecord[]
  /** Scheduler decisions and queue, only when they changed (always on reset). */
  scheduler?: SchedulerFrame
  /** Requests of traffic runs that finished in this slice of time. */
  traffic?: TrafficRecord[]
  /** The watched node's Service rules, when they changed (or the watch did). */
  rules?: RulesRecord
  /** Output of kubectl commands still running (`logs -f`), in order. */
  kubectlStream?: { commandId: string; text: string }[]
  /** Authorization decisions, kubeconfig, API server and etcd inspector, when they changed. */
  auth?: AuthFrame
  /** The lesson session, when it changed; null when the lesson was closed. */
  lesson?: LessonStatus | null
  /** Components that crashed in this slice of time (contained: the simulation goes on). */
  crashes?: CrashRecord[]
  /** The followed request flow, when it changed (always on reset); null when there is none. */
  flow?: FlowRecord | null
  /** A dispatch after seeking back forked the history: what the old future lost. Sent once. */
  fork?: ForkNotice
  /** Scale mode only: per-node aggregates and the Pods the page shows. */
  scale?: ScaleFrame
  /** Object records left for the next frame (over this frame's byte budget). */
  carried?: number
  /** The API server and etcd load meters, when they changed (always on reset). */
  load?: LoadMetersView
}

/** A recorded action with one line saying what it did (the store zips actionSummaries in). */
export type LoggedAction = RecordedAction & { summary: string }

/** What a fork dropped: the actions after the fork point, and how much later history. */
export interface ForkNotice {
  atMs: number
  /** One line per discarded action ("kubectl apply -f -"), in time order, with its time. */
  discarded: { atMs: number; summary: string }[]
  /** Where the old history had reached. */
  horizonMs: number
}

export type FromWorkerBody =
  | { type: 'frame'; frame: Frame }
  | { type: 'error'; message: string; fatal: boolean }
  | { type: 'catalog'; catalog: Catalog }
  /** Sent before each action a (re)started worker replays: a crash now is that action's. */
  | { type: 'replaying'; index: number; summary: string }
  /** The replay is done; the worker is serving frames again. */
  | { type: 'replayed' }
  /** A shared scenario did not replay; the fallback cluster was opened instead. */
  | { type: 'scenarioRefused'; reason: string }

export type FromWorker = FromWorkerBody & { protocolVersion: number }

/** Wraps a body with the protocol version. */
export function toWorker(body: ToWorkerBody): ToWorker {
  return { ...body, protocolVersion: PROTOCOL_VERSION }
}

export function fromWorker(body: FromWorkerBody): FromWorker {
  return { ...body, protocolVersion: PROTOCOL_VERSION }
}
