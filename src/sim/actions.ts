import type { HttpMethod } from './runtime/messages'

/**
 * Who sends a sim.request: by default the user of the kubeconfig's current context, exactly as
 * a plain `kubectl` would; or another context's user, a bearer token (the Authorization header,
 * e.g. a token from `kubectl create token`), and the Impersonate-User / Impersonate-Group headers
 * that `--as` / `--as-group` send. A served request (a real kubectl, src/server) brings the
 * subject of the client certificate it presented.
 */
export interface RequestAuth {
  context?: string
  token?: string
  /** The client certificate's subject, as the served API server (src/server) verified it. */
  certificate?: { commonName: string; organizations: string[] }
  as?: string
  asGroups?: string[]
}

/**
 * SimAction: the headless API's only input. Everything a user can do in the UI is one of these,
 * recorded with the virtual time it was applied at, so seed + actions replay a run exactly.
 */
export type SimAction =
  | { type: 'runKubectl'; commandId: string; command: string; stdin?: string }
  /** Ctrl-C on a running kubectl command (stops `logs -f`). */
  | { type: 'interruptKubectl'; commandId: string }
  /**
   * A client Pod sends `count` HTTP requests to a Service (`curl -s -m 2 http://svc:port/`),
   * one every `intervalMs`; each result is a TrafficRequestFinished event tagged `runId`.
   */
  | {
      type: 'sendTraffic'
      runId: string
      /** "namespace/pod" of the client. */
      from: string
      /** "namespace/service". */
      service: string
      port?: number | undefined
      count: number
      intervalMs?: number | undefined
    }
  /** Edit the kube-proxy ConfigMap's mode and restart kube-proxy on every node. */
  | { type: 'setKubeProxyMode'; mode: 'iptables' | 'ipvs' }
  /** One HTTP request to the API server from the user's machine (sim.request); body is JSON text. */
  | {
      type: 'apiRequest'
      requestId: string
      method: HttpMethod
      path: string
      query?: Record<string, string>
      body?: string
      contentType?: string
      /** The Accept header: "application/json;as=Table;v=v1;g=meta.k8s.io" asks for a Table. */
      accept?: string
      auth?: RequestAuth
      /** The client's User-Agent (kubectl/v1.32.0 …): it names the field manager of its writes. */
      userAgent?: string
    }
  /** The client closed a watch it opened with `apiRequest` (the connection ended). */
  | { type: 'closeApiWatch'; requestId: string }
  | { type: 'stopComponent'; id: string }
  | { type: 'startComponent'; id: string }
  /** Stop an etcd member, delete its data directory, start it empty. */
  | { type: 'wipeEtcdMember'; id: string }
  /** Cut every link between two sets of components (ids or machine names). */
  | { type: 'partition'; sides: [string[], string[]] }
  /** Heal every partition and lossy link. */
  | { type: 'heal' }
  /** Undo one partition: reconnect the two sides (other partitions stay). */
  | { type: 'healPartition'; sides: [string[], string[]] }
  /**
   * Repair every fault at once: heal the network, restart every stopped component (not a removed
   * or crashed etcd member: those need a human), give every etcd member a healthy disk again.
   */
  | { type: 'healAll' }
  /** Lose this fraction (0…1) of the messages between a and b, both ways; 0 repairs it. */
  | { type: 'setLinkLoss'; a: string; b: string; fraction: number }
  /** WAL fsync latency of one etcd member, in ms (a slow disk). */
  | { type: 'setDiskLatency'; id: string; fsyncMs: number }
  | { type: 'addEtcdMember' }
  | { type: 'removeEtcdMember'; id: string }
  /** Force an election on this member (MsgTimeoutNow). */
  | { type: 'raftTimeoutNow'; id: string }
  /** Lose one message in flight, by its trace id. */
  | { type: 'dropMessage'; id: number }
  /**
   * The failure panel's container faults (kubelet/container-faults.ts) on one container of a
   * running Pod ("namespace/name"): a crash loop (every start exits non-zero) or a bad image
   * (deleted from the node and the registry, container restarted). `fixContainer` heals one.
   */
  | { type: 'breakContainer'; pod: string; container: string; fault: ContainerFaultKind }
  | { type: 'fixContainer'; pod: string; container: string; fault: ContainerFaultKind }
  /** Power a node off: its kubelet, container runtime and kube-proxy stop, its containers die. */
  | { type: 'stopNode'; node: string }
  /** Power it back on: it boots with no containers, and its kubelet registers and resyncs. */
  | { type: 'startNode'; node: string }
  /**
   * Write (or, with an empty text, delete) the EncryptionConfiguration file kube-apiserver reads
   * at start (--encryption-provider-config). It takes effect at the next restart.
   */
  | { type: 'writeEncryptionConfig'; yaml: string }
  /**
   * `requests` clients list every Pod at the same instant (kubectl get pods -A each, with
   * --chunk-size `chunkSize`, 500 by default, and resourceVersion if given): a load spike that
   * max-in-flight and API Priority and Fairness queue and reject with 429.
   */
  | { type: 'stampede'; requests: number; chunkSize?: number; resourceVersion?: string }
  /** Stop a component's process and start it again (e.g. kube-apiserver after a config change). */
  | { type: 'restartComponent'; id: string }
  /**
   * The machine under a node changed (resized VM, kubelet --max-pods): its kubelet reports the new
   * capacity in the Node's status. Node spec and labels change through kubectl instead
   * (`runKubectl` with cordon, taint, label), as they would in a real cluster.
   */
  | {
      type: 'setNodeCapacity'
      node: string
      cpu?: string | undefined
      memory?: string | undefined
      pods?: number | undefined
    }

export type ContainerFaultKind = 'crashLoop' | 'badImage'

const CONTAINER_FAULT_WORDS: Record<ContainerFaultKind, string> = {
  crashLoop: 'crash loop',
  badImage: 'bad image',
}

/** Actions about workloads and Services, applied by workload-actions.ts. */
export type WorkloadAction = Extract<
  SimAction,
  { type: 'interruptKubectl' } | { type: 'sendTraffic' } | { type: 'setKubeProxyMode' }
>

/** An action as recorded in the log. */
export interface RecordedAction {
  atMs: number
  action: SimAction
  /**
   * Set on a follow-up the simulation applies by itself (a timed fault's heal): when the action
   * that scheduled it was dispatched. It stays in the log when the history forks after that time.
   */
  scheduledAtMs?: number
}

/** One line describing an action, for the trace and the timeline. */
export function summarizeAction(action: SimAction): string {
  switch (action.type) {
    case 'runKubectl':
      return `kubectl ${action.command.replace(/^kubectl\s+/, '')}`
    case 'interruptKubectl':
      return `interrupt ${action.commandId} (^C)`
    case 'sendTraffic':
      return `${action.from} sends ${action.count} requests to Service ${action.service}`
    case 'setKubeProxyMode':
      return `switch kube-proxy to ${action.mode} mode (restarts kube-proxy on every node)`
    case 'apiRequest':
      return `${action.method} ${action.path}`
    case 'closeApiWatch':
      return `close watch ${action.requestId}`
    case 'stopComponent':
      return `stop ${action.id}`
    case 'startComponent':
      return `start ${action.id}`
    case 'wipeEtcdMember':
      return `wipe ${action.id}'s data and restart it`
    case 'partition':
      return `partition ${action.sides[0].join(', ')} | ${action.sides[1].join(', ')}`
    case 'heal':
      return 'heal the network'
    case 'healPartition':
      return `reconnect ${action.sides[0].join(', ')} with ${action.sides[1].join(', ')}`
    case 'healAll':
      return 'heal every fault'
    case 'setLinkLoss':
      return `lose ${Math.round(action.fraction * 100)}% of messages between ${action.a} and ${action.b}`
    case 'setDiskLatency':
      return `set ${action.id}'s disk fsync latency to ${action.fsyncMs} ms`
    case 'addEtcdMember':
      return 'add an etcd member'
    case 'removeEtcdMember':
      return `remove ${action.id} from the etcd cluster`
    case 'raftTimeoutNow':
      return `force an election on ${action.id}`
    case 'dropMessage':
      return `drop message #${action.id}`
    case 'breakContainer':
      return `${CONTAINER_FAULT_WORDS[action.fault]}: ${action.pod} container ${action.container}`
    case 'fixContainer':
      return `heal ${CONTAINER_FAULT_WORDS[action.fault]}: ${action.pod} container ${action.container}`
    case 'stopNode':
      return `power off ${action.node}`
    case 'startNode':
      return `power on ${action.node}`
    case 'writeEncryptionConfig':
      return action.yaml.trim() === ''
        ? 'remove the encryption configuration file'
        : 'write the encryption configuration (takes effect when kube-apiserver restarts)'
    case 'restartComponent':
      return `restart ${action.id}`
    case 'stampede':
      return `${action.requests === 1 ? 'one client lists' : `${String(action.requests)} clients list`} every Pod at once${action.resourceVersion !== undefined ? ` (resourceVersion=${action.resourceVersion})` : ''}`
    case 'setNodeCapacity': {
      const parts = [
        action.cpu !== undefined ? `cpu=${action.cpu}` : '',
        action.memory !== undefined ? `memory=${action.memory}` : '',
        action.pods !== undefined ? `pods=${action.pods}` : '',
      ].filter((p) => p !== '')
      return `set capacity of ${action.node}: ${parts.join(', ')}`
    }
  }
}
