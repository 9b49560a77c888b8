import type { LoadMetersView } from '../sim/index'
import { createStore } from 'zustand/vanilla'
import type { Catalog, LessonStatus } from '../protocol/lesson'
import type { FlowRecord } from '../protocol/flow'
import type { ForkNotice, LoggedAction } from '../protocol/messages'
import type {
  ComponentRecord,
  CrashRecord,
  EtcdRecord,
  DecisionRecord,
  QueueRecord,
  KubeEventRecord,
  KubectlOutputRecord,
  MessageRecord,
  NarrationRecord,
  NodeRecord,
  PodRecord,
  ReplicaSetRecord,
  DeploymentRecord,
  LeaseRecord,
  EndpointSliceRecord,
  RulesRecord,
  ServiceRecord,
  TrafficRecord,
  ApiServerStatus,
  AuthorizationRecord,
  InspectorRecord,
  KubeconfigView,
} from '../protocol/records'
import { DEFAULT_RUN, type RunOptions } from './run-options'
import type { PodWindow, ScaleLoad, ScaleViewRequest } from '../protocol/scale'
import type { MessageSample, ScaleMap } from './apply-scale'

export { DEFAULT_RUN, type RunOptions }

/** `disconnected`: an attached page lost the served simulation (see client/websocket-endpoint.ts). */
export type ConnectionState = 'starting' | 'ready' | 'crashed' | 'restarting' | 'disconnected'

export interface AppState {
  // cluster
  pods: Record<string, PodRecord>
  podKeys: string[]
  nodes: Record<string, NodeRecord>
  nodeKeys: string[]
  replicaSets: Record<string, ReplicaSetRecord>
  deployments: Record<string, DeploymentRecord>
  /** Leader-election Leases in kube-system (kube-controller-manager, kube-scheduler). */
  leases: Record<string, LeaseRecord>
  events: KubeEventRecord[]
  components: ComponentRecord[]
  /** The etcd cluster's Raft state, as of the latest frame that changed it. */
  etcd?: EtcdRecord | undefined
  /** The latest Raft messages between members (delivered or not), newest last. */
  recentRaft: MessageRecord[]
  // timeline
  simTimeMs: number
  horizonMs: number
  playing: boolean
  speed: number
  followMessages: boolean
  effectiveRate: number
  actions: LoggedAction[]
  frameSeq: number
  // request flow
  inFlight: MessageRecord[]
  narration: NarrationRecord[]
  /** The controller manager's reconciles (its narration), newest last, for the Controllers tab. */
  reconciles: NarrationRecord[]
  /** Node failures, taints, evictions and leader changes, for the timeline's marks. */
  marks: NarrationRecord[]
  /** The followed request flow (the Pod the user's latest action caused), from the worker. */
  flow?: FlowRecord | undefined
  // scheduler
  /** Kept decisions, oldest first (see reduceScheduler). */
  decisions: DecisionRecord[]
  schedulerQueue?: QueueRecord | undefined
  /** The pod (namespace/name) whose decision the scheduler panel shows; undefined = the latest. */
  decisionPod?: string | undefined
  // services and kube-proxy
  services: Record<string, ServiceRecord>
  endpointSlices: Record<string, EndpointSliceRecord>
  /** Finished requests of the latest traffic runs, by run id. */
  traffic: Record<string, TrafficRecord[]>
  /** The rules view's node's Service rules, as of its latest change. */
  rules?: RulesRecord | undefined
  // access and secrets (issue 14)
  /** Authorization decisions on the student's requests (and denials), newest last. */
  authDecisions: AuthorizationRecord[]
  /** The decision the "why" panel explains ("client#requestId"); undefined = the latest. */
  selectedDecision?: string | undefined
  kubeconfig?: KubeconfigView | undefined
  apiServer?: ApiServerStatus | undefined
  /** API server and etcd load meters (the Load tab), as of the latest frame that changed them. */
  load?: LoadMetersView | undefined
  inspector?: InspectorRecord | undefined
  // kubectl
  kubectl: KubectlOutputRecord[]
  /** Output so far of commands still running (`logs -f`), by command id. */
  kubectlLive: Record<string, string>
  pendingCommands: Record<string, string>
  manifestError?: string | undefined
  // connection
  connection: ConnectionState
  workerError?: string | undefined
  /** host:port of the served simulation the page is attached to (?attach=), if it is. */
  attachedTo?: string | undefined
  /** Components that crashed and were restarted (contained in the simulation), newest last. */
  crashes: CrashRecord[]
  /** Actions the client left out of a replay because they crashed the worker again. */
  droppedActions: DroppedActionRecord[]
  // ui
  /** The side dock's selected tab (see ui/app/dock-tabs.tsx). */
  dockTab: string
  /** The editor's text: kept here so it survives the editor's tab being hidden. */
  manifestDraft: string
  /** Show every Raft message on the map and the components' own narration, not plain words. */
  expertDetail: boolean
  /** The latest fork of the history, until dismissed. */
  forkNotice?: ForkNotice | undefined
  /** The kubectl prompt: what was run there (newest last), and the line being typed. */
  consoleEntries: { id: string; command: string }[]
  kubectlPrompt: string
  /** The commandId of the latest `kubectl apply` from the editor. */
  lastApply?: string | undefined
  // lesson
  /** Every bundled lesson (and the broken ones, with their errors), from the worker. */
  catalog?: Catalog | undefined
  /** The open lesson's session: step, goals, prediction outcome; streamed from the worker. */
  lesson?: LessonStatus | undefined
  /** Components the lesson step highlights on the map (names or wildcards). */
  highlight: string[]
  /** The lesson shows the control plane as a managed service: one box, its controls locked. */
  managedControlPlane: boolean
  /** Things the student should know (a bad link, unreadable saved progress), until dismissed. */
  notices: string[]
  // preferences (ui/app/prefs.ts keeps them in localStorage)
  prefs: Prefs
  /** The cluster this run was built from: what a shared link or scenario file records. */
  run: RunOptions
  /**
   * The open lesson's cluster (its file's `cluster`; etcd's Raft defaults): what the presenter's
   * window and a shared link rebuild while a lesson runs, since `run` stays free play's.
   */
  lessonRun?: RunOptions | undefined
  /** Trace entries of the run so far (a shared link must reproduce the same number). */
  traceLength: number
  /** The instructor's choice: show the kubectl prompt and the editor on the projector too. */
  presenterDetail: boolean
  /** In the presenter's window: following, waiting for the instructor, or ended. */
  presenterStatus?: 'waiting' | 'following' | 'ended' | undefined
  /** A notice about the page's own input (a refused scenario link, a bad scenario file). */
  notice?: string | undefined
  // scale mode (?scale=1; see protocol/scale.ts)
  /** What the link asked for: Deployments adding up to this many Pods. */
  scaleRun?: ScaleLoad | undefined
  /** Per-node aggregates, as of the latest frame. */
  scaleMap?: ScaleMap | undefined
  /** Messages sent against messages animated, over the last virtual second. */
  messageSample?: MessageSample | undefined
  /** The Pods table's visible rows, and the zoomed node's Pods (what the page asked for). */
  podWindow?: PodWindow | undefined
  nodePods?: PodWindow | undefined
  /** What the page asked the worker for (the Pods table's window, the zoomed node). */
  scaleView: ScaleViewRequest
}

/** How the viewer wants the page: WCAG and projector settings. */
export interface Prefs {
  theme: 'light' | 'dark'
  /** Larger type everywhere, the map, the Raft ring and the matrix too (projectors). */
  largeType: boolean
  /** WCAG 2.2.2: every animation stopped (the simulation's state still updates). */
  animationsPaused: boolean
  /** WCAG 2.1.4: single-character shortcuts on (they can be turned off). */
  characterKeys: boolean
}

export const DEFAULT_PREFS: Prefs = {
  theme: 'light',
  largeType: false,
  animationsPaused: false,
  characterKeys: true,
}

/** An action recovery dropped, for its notice. */
export interface DroppedActionRecord {
  summary: string
  atMs: number
  reason: string
}

export const initialState: AppState = {
  pods: {},
  podKeys: [],
  nodes: {},
  nodeKeys: [],
  replicaSets: {},
  deployments: {},
  leases: {},
  events: [],
  components: [],
  simTimeMs: 0,
  horizonMs: 0,
  playing: false,
  speed: 1,
  followMessages: true,
  effectiveRate: 1,
  actions: [],
  frameSeq: 0,
  inFlight: [],
  recentRaft: [],
  narration: [],
  reconciles: [],
  marks: [],
  decisions: [],
  authDecisions: [],
  kubectl: [],
  kubectlLive: {},
  services: {},
  endpointSlices: {},
  traffic: {},
  pendingCommands: {},
  connection: 'starting',
  crashes: [],
  droppedActions: [],
  dockTab: 'manifest',
  consoleEntries: [],
  kubectlPrompt: 'get pods -o wide',
  expertDetail: false,
  manifestDraft: '',
  highlight: [],
  managedControlPlane: false,
  notices: [],
  prefs: DEFAULT_PREFS,
  run: DEFAULT_RUN,
  traceLength: 0,
  presenterDetail: false,
  scaleView: { podWindow: null, node: null, decision: null },
}

export type AppStore = ReturnType<typeof createAppStore>

export function createAppStore() {
  return createStore<AppState>()(() => ({ ...initialState }))
}
