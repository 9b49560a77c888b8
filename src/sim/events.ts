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

/** A trace entry: the payload stamped with virtual time and its position in the trace. */
export type SimEvent = SimEventPayload & { atMs: number; seq: number }
