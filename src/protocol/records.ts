import type {
  ComponentKind,
  DecisionSummary,
  EtcdClusterView,
  FlowStep,
  ObjectRef,
  QueueSummary,
  DecisionRow,
  QueuedPodView,
  NodeRulesView,
  ApiServerStatus,
  AuthorizationRecord,
  KubeconfigView,
  StoredValueView,
} from '../sim/index'

export type { DecisionRow, QueuedPodView }

/** One node's Service rules (iptables-save, ipvsadm -Ln), for the rules view. */
export type RulesRecord = NodeRulesView

/** A Pod as the UI draws and lists it: what `kubectl get pods -o wide` shows, nothing more. */
export interface PodRecord {
  key: string
  uid: string
  name: string
  namespace: string
  node: string
  phase: string
  /** kubectl's STATUS column (ContainerCreating, Running, Terminating ...). */
  status: string
  ready: string
  restarts: number
  ip: string
  createdMs: number
  owner: string
  /** The names of its containers (spec.containers), for the failure panel's container target. */
  containers?: string[]
}

export interface NodeRecord {
  key: string
  name: string
  /** kubectl's STATUS column: Ready, Ready,SchedulingDisabled, NotReady ... */
  status: string
  /** Allocatable cpu, memory and pods (what the scheduler fits requests against). */
  cpu: string
  memory: string
  pods: string
  /** Capacity as the kubelet reports it. */
  capacity: { cpu: string; memory: string; pods: string }
  unschedulable: boolean
  /** As kubectl taint writes them: key=value:Effect, key:Effect. */
  taints: string[]
  /** Labels other than the well-known ones every node gets (kubernetes.io/hostname ...). */
  labels: Record<string, string>
  createdMs: number
}

export interface ReplicaSetRecord {
  key: string
  name: string
  namespace: string
  desired: number
  current: number
  ready: number
  createdMs: number
}

/** A Deployment as the controllers panel shows it: `kubectl get deploy` and its rollout. */
export interface DeploymentRecord {
  key: string
  name: string
  namespace: string
  desired: number
  updated: number
  ready: number
  available: number
  /** deployment.kubernetes.io/revision. */
  revision: string
  paused: boolean
  /** The Progressing condition's reason (NewReplicaSetAvailable, ReplicaSetUpdated ...). */
  progress: string
  image: string
}

/** A leader-election Lease (kube-system): who leads, since when, how often it changed hands. */
export interface LeaseRecord {
  key: string
  name: string
  namespace: string
  holder: string
  renewMs: number
  acquireMs: number
  transitions: number
}

/** A Kubernetes Event as the event log lists it. */
export interface KubeEventRecord {
  key: string
  type: string
  reason: string
  object: string
  message: string
  source: string
  lastMs: number
}

/** A Service as the Services panel lists it (`kubectl get svc -o wide`). */
export interface ServiceRecord {
  key: string
  name: string
  namespace: string
  type: string
  clusterIP: string
  /** "80/TCP", "80:30080/TCP" … as the PORT(S) column prints them. */
  ports: string
  /** The first port (what a client sends to by default). */
  port: number
  selector: Record<string, string>
  createdMs: number
}

/** One EndpointSlice: the endpoints of a Service and their conditions. */
export interface EndpointSliceRecord {
  key: string
  name: string
  namespace: string
  service: string
  endpoints: {
    ip: string
    pod: string
    node: string
    ready: boolean
    serving: boolean
    terminating: boolean
  }[]
}

/** One finished request of a traffic run (a client Pod to a Service). */
export interface TrafficRecord {
  runId: string
  /** Which request of the run (0-based). */
  index: number
  atMs: number
  endpoint: string
  pod?: string | undefined
  node?: string | undefined
  outcome: 'ok' | 'refused' | 'timeout' | 'no-endpoints' | 'no-service' | 'reset'
  status?: number | undefined
  latencyMs: number
}

/** Any stored object the UI keeps, discriminated by kind. */
export type ObjectRecord =
  | ({ kind: 'Pod' } & PodRecord)
  | ({ kind: 'Node' } & NodeRecord)
  | ({ kind: 'ReplicaSet' } & ReplicaSetRecord)
  | ({ kind: 'Event' } & KubeEventRecord)
  | ({ kind: 'Deployment' } & DeploymentRecord)
  | ({ kind: 'Lease' } & LeaseRecord)
  | ({ kind: 'Service' } & ServiceRecord)
  | ({ kind: 'EndpointSlice' } & EndpointSliceRecord)

export interface ComponentRecord {
  id: string
  kind: ComponentKind
  host: string
  running: boolean
}

/** A message on the wire, for the map to animate from sentAtMs to deliverAtMs. */
export interface MessageRecord {
  id: number
  from: string
  to: string
  label: string
  sentAtMs: number
  deliverAtMs: number
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  /** Inspectable fields (Raft messages: term, index, commit, entries ...). */
  detail?: Record<string, string | number | boolean> | undefined
  /** Why it never arrived ("network partition", "dropped by you" ...), once known. */
  lost?: string | undefined
}

/** A line of narration or a Kubernetes event, for the narration panel. */
export interface NarrationRecord {
  seq: number
  atMs: number
  actor: string
  text: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
}

/**
 * A component that crashed (a handler threw) and when the kubelet or systemd brings it back, for
 * the notice under the header: "kube-apiserver crashed: TypeError: …; restarted".
 */
export interface CrashRecord {
  actor: string
  error: string
  atMs: number
  restartAtMs: number
  restarts: number
  restarter: string
}

export interface KubectlOutputRecord {
  commandId: string
  exitCode: number
  output: string
  atMs: number
}

/** A network link between two control-plane components, as the Raft view draws it. */
export interface LinkRecord {
  a: string
  b: string
  blocked: boolean
  /** Fraction of messages lost on it (0 … 1). */
  loss: number
}

/** The etcd cluster: every member's Raft state, the quorum, and the links between members. */
export interface EtcdRecord extends EtcdClusterView {
  links: LinkRecord[]
  /** Each API server and the member it sends to now (its pinned endpoint). */
  clients: { id: string; endpoint: string }[]
}

/**
 * One scheduling decision, as the scheduler panel shows it (bounded; see DecisionSummary). In
 * scale mode most come `brief`: without rows, plugins, reasons or tie (the headline only); the
 * one the page shows comes whole (ScaleViewRequest.decision).
 */
export type DecisionRecord = DecisionSummary & { brief?: true }

/** The scheduling queue, each list cut to 50 entries with the full lengths. */
export type QueueRecord = QueueSummary

/**
 * The scheduler's part of a frame, present only when something changed: new decisions (all kept
 * ones when `replace`), and the queue when it changed.
 */
export interface SchedulerFrame {
  replace: boolean
  decisions: DecisionRecord[]
  queue?: QueueRecord | undefined
}

/** The etcd inspector: keys worth looking at, and the one the student picked, as etcdctl shows it. */
export interface InspectorRecord {
  /** Secret and ConfigMap keys, in key order (bounded). */
  keys: string[]
  key?: string
  value?: StoredValueView
  /** The same value as if copied under another key: aesgcm refuses, aescbc does not notice. */
  copied?: { key: string; read: StoredValueView['read'] }
}

/**
 * Authentication and authorization for the Access and Secrets tabs: new decisions (every one a
 * student's request got, and every denial), and — when they changed — the kubeconfig, the API
 * server's state and the etcd inspector.
 */
export interface AuthFrame {
  replace: boolean
  decisions: AuthorizationRecord[]
  kubeconfig?: KubeconfigView
  apiServer?: ApiServerStatus
  inspector?: InspectorRecord
}

export type { AuthorizationRecord, KubeconfigView, ApiServerStatus, StoredValueView }
