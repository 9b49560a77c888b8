import { createStore } from 'zustand/vanilla'
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
  ApiServerStatus,
  AuthorizationRecord,
  InspectorRecord,
  KubeconfigView,
} from '../protocol/records'

export type ConnectionState = 'starting' | 'ready' | 'crashed' | 'restarting'

export interface AppState {
  // cluster
  pods: Record<string, PodRecord>
  podKeys: string[]
  nodes: Record<string, NodeRecord>
  nodeKeys: string[]
  replicaSets: Record<string, ReplicaSetRecord>
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
  /** The followed request flow (the Pod the user's latest action caused), from the worker. */
  flow?: FlowRecord | undefined
  // scheduler
  /** Kept decisions, oldest first (see reduceScheduler). */
  decisions: DecisionRecord[]
  schedulerQueue?: QueueRecord | undefined
  /** The pod (namespace/name) whose decision the scheduler panel shows; undefined = the latest. */
  decisionPod?: string | undefined
  // access and secrets (issue 14)
  /** Authorization decisions on the student's requests (and denials), newest last. */
  authDecisions: AuthorizationRecord[]
  /** The decision the "why" panel explains ("client#requestId"); undefined = the latest. */
  selectedDecision?: string | undefined
  kubeconfig?: KubeconfigView | undefined
  apiServer?: ApiServerStatus | undefined
  inspector?: InspectorRecord | undefined
  // kubectl
  kubectl: KubectlOutputRecord[]
  pendingCommands: Record<string, string>
  manifestError?: string | undefined
  // connection
  connection: ConnectionState
  workerError?: string | undefined
  /** Components that crashed and were restarted (contained in the simulation), newest last. */
  crashes: CrashRecord[]
  /** Actions the client left out of a replay because they crashed the worker again. */
  droppedActions: DroppedActionRecord[]
  // ui
  /** The run's seed (the Secrets tab derives its demo keys from it). */
  seed: number
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
  decisions: [],
  authDecisions: [],
  kubectl: [],
  pendingCommands: {},
  connection: 'starting',
  seed: 1,
  crashes: [],
  droppedActions: [],
  dockTab: 'manifest',
  consoleEntries: [],
  kubectlPrompt: 'get pods -o wide',
  expertDetail: false,
  manifestDraft: '',
}

export type AppStore = ReturnType<typeof createAppStore>

export function createAppStore() {
  return createStore<AppState>()(() => ({ ...initialState }))
}
