/**
 * Messages for running workloads: what the kubelet tells the runtime a container runs, the
 * runtime's container events, log streams, probes, and Pod-to-Pod requests on the data path.
 */

/**
 * What a container runs (CRI ContainerConfig, reduced to what the process model needs). The
 * hostname is the sandbox's (PodSandboxConfig.hostname), as in the CRI: see hostnameOf.
 */
export interface ContainerConfig {
  command?: string[]
  args?: string[]
  /** Literal environment values (valueFrom is not resolved). */
  env: Record<string, string>
  /** containerPorts the container declares. */
  ports: number[]
  /** The node's CPUs (nginx starts one worker per CPU). */
  cpus: number
}

export type ProbeAction =
  | { kind: 'http'; port: number; path: string; scheme: string; host?: string }
  | { kind: 'tcp'; port: number }
  | { kind: 'exec'; command: string[] }

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup'

/** CRI calls beyond starting and stopping: logs (the kubelet reads the CRI log file), exec probes. */
export type WorkloadCriCall =
  | {
      call: 'ReadLogs'
      podUid: string
      containerName: string
      previous: boolean
      timestamps: boolean
      tailLines?: number
      sinceMs?: number
      /** Keep sending new lines on this stream until the container exits or the client goes. */
      followStream?: number
    }
  | { call: 'StopFollowing'; stream: number }
  | { call: 'Probe'; containerId: string; probe: ProbeAction; probeType: ProbeType }

/**
 * containerd → kubelet: a container's process ended (CRI GetContainerEvents'
 * CONTAINER_STOPPED_EVENT; the default generic PLEG finds the same by relisting every second).
 */
export interface ContainerStoppedEvent {
  type: 'cri-container-stopped'
  podUid: string
  containerId: string
  containerName: string
  exitCode: number
  reason: string
  message?: string
  startedAtMs: number
  finishedAtMs: number
}

/** More of a followed container log (runtime → kubelet), or its end. */
export interface LogStreamChunk {
  type: 'log-chunk'
  stream: number
  text: string
  end: boolean
}

/** A streamed HTTP response body after its first part (kubelet → apiserver → client). */
export interface HttpChunk {
  type: 'http-chunk'
  requestId: number
  text: string
  end: boolean
}

/** The client hung up a streaming request (Ctrl-C on `kubectl logs -f`). */
export interface HttpCancel {
  type: 'http-cancel'
  requestId: number
}

/** One HTTP request from a client Pod, after the client node's Service rules chose the endpoint. */
export interface PodRequest {
  type: 'pod-request'
  requestId: number
  fromIp: string
  /** The endpoint the rules chose (DNAT destination). */
  toIp: string
  port: number
  path: string
}

export interface PodResponse {
  type: 'pod-response'
  requestId: number
  outcome: 'ok' | 'refused' | 'reset'
  status?: number
  body?: string
  /** The Pod that answered. */
  pod?: string
}

export type WorkloadMessage =
  ContainerStoppedEvent | LogStreamChunk | HttpChunk | HttpCancel | PodRequest | PodResponse
