/**
 * Plugin result codes and Status.
 * Source: framework.Code / framework.Status, pkg/scheduler/framework/interface.go (v1.32)
 * Statuses are immutable plain data: helpers return new objects.
 */

// Keep in sync with the upstream `codes` list (interface.go, v1.32): order matters only there.
export const Code = {
  /** The plugin ran correctly and found the pod schedulable (for Filter: the node fits). */
  Success: 'Success',
  /** An internal error: the pod is retried after backoff, never preempts. */
  Error: 'Error',
  /** The pod does not fit, but preemption (removing lower-priority pods) might help. */
  Unschedulable: 'Unschedulable',
  /** The pod does not fit and preemption cannot help: the node is skipped by PostFilter. */
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  /** Permit only: the pod waits. */
  Wait: 'Wait',
  /** PreFilter/PreScore only: the plugin's Filter/Score is skipped for this cycle. */
  Skip: 'Skip',
  /** The pod cannot be scheduled yet for a reason outside the scheduler's control. */
  Pending: 'Pending',
} as const
export type Code = (typeof Code)[keyof typeof Code]

export interface Status {
  readonly code: Code
  /** Reasons, verbatim upstream strings; Message() joins them with ", ". */
  readonly reasons: readonly string[]
  /** The plugin that produced this status (set by the framework, as SetPlugin/WithPlugin). */
  readonly plugin?: string
}

/** The shared success status (Go's nil *Status). */
export const SUCCESS: Status = Object.freeze({ code: Code.Success, reasons: Object.freeze([]) })

export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons }
}

export function withPlugin(status: Status, plugin: string): Status {
  return { ...status, plugin }
}

export function isSuccess(status: Status): boolean {
  return status.code === Code.Success
}

/** Unschedulable or UnschedulableAndUnresolvable (Status.IsRejected, interface.go v1.32). */
export function isRejected(status: Status): boolean {
  return status.code === Code.Unschedulable || status.code === Code.UnschedulableAndUnresolvable
}

/** Status.Message(): the reasons joined with ", ". */
export function statusMessage(status: Status): string {
  return status.reasons.join(', ')
}

/** A JSON-able snapshot of a status for decision records. */
export interface StatusRecord {
  code: Code
  reasons: string[]
  plugin?: string
}

export function toStatusRecord(status: Status): StatusRecord {
  const record: StatusRecord = { code: status.code, reasons: [...status.reasons] }
  if (status.plugin !== undefined) record.plugin = status.plugin
  return record
}
