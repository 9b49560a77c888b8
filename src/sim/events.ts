import type { FlowStep, ObjectRef } from './network/types'
import type { AuthorizationRecord } from './apiserver/authz/record'

/**
 * SimEvent: what the simulation did, in past tense, for the UI to animate and narrate and for
 * tests to assert on. The trace is the ordered list of these; same seed and actions give the
 * same trace. Kubernetes Event reasons are reused verbatim where they exist.
 */
export type SimEventPayload =
  | {
      type: 'MessageSent'
      id: number
      from: string
      to: string
      label: string
      step?: FlowStep | undefined
      about?: ObjectRef | undefined
      deliverAtMs: number
      detail?: Record<string, string | number | boolean> | undefined
    }
  | { type: 'MessageDropped'; id: number; from: string; to: string; reason: string }
  | {
      type: 'Narrated'
      actor: string
      text: string
      step?: FlowStep | undefined
      about?: ObjectRef | undefined
    }
  | {
      type: 'KubeEventRecorded'
      reason: string
      eventType: 'Normal' | 'Warning'
      about: ObjectRef
      message: string
      source: string
    }
  /** A user's (or a scheduled) action; `rejected` says why it could not apply, if it could not. */
  | { type: 'ActionApplied'; summary: string; rejected?: string }
  | { type: 'KubectlFinished'; commandId: string; exitCode: number; output: string }
  /** kube-proxy wrote the node's Service rules (the Services whose rules changed). */
  | {
      type: 'KubeProxySynced'
      node: string
      mode: 'iptables' | 'ipvs'
      full: boolean
      services: string[]
    }
  /** One request of a traffic run (a client Pod to a Service) finished. */
  | {
      type: 'TrafficRequestFinished'
      runId: string
      /** Which request of the run (0-based). */
      index: number
      /** The endpoint the client node's rules chose, "IP:port" ('' when none). */
      endpoint: string
      pod?: string | undefined
      node?: string | undefined
      outcome: 'ok' | 'refused' | 'timeout' | 'no-endpoints' | 'no-service' | 'reset'
      status?: number | undefined
      latencyMs: number
    }
  /** Output of a command that is still running (a followed log). */
  | { type: 'KubectlOutput'; commandId: string; text: string }
  /** kube-apiserver authenticated and authorized (or refused) a request. */
  | { type: 'AuthorizationDecided'; record: AuthorizationRecord }
  /** A component's handler threw: the process panicked and is down until `restartInMs` passes. */
  | {
      type: 'ComponentCrashed'
      actor: string
      /** "TypeError: x is not iterable" */
      error: string
      restartInMs: number
      /** Restarts so far, counting the one scheduled now. */
      restarts: number
      /** Who brings it back: "the kubelet" (static pods), "systemd", "the next command". */
      restarter: string
    }
  | { type: 'ComponentRestarted'; actor: string; restarts: number }
  /** The answer to a sim.request call (an `apiRequest` action). */
  | {
      type: 'ApiResponded'
      requestId: string
      code: number
      body: unknown
      warnings?: string[] | undefined
    }
  /** One event on a watch opened by an `apiRequest` (what a served client's stream carries). */
  | {
      type: 'ApiWatchEvent'
      requestId: string
      eventType: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'
      object: unknown
    }

/** A trace entry: the payload stamped with virtual time and its position in the trace. */
export type SimEvent = SimEventPayload & { atMs: number; seq: number }
