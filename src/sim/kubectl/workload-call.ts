import { simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi, type CallOptions } from '../runtime/api-client'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

/** What a multi-request workload command (rollout, drain, describe …) remembers between calls. */
export interface WorkloadFlow {
  verb: string
  namespace: string
  name: string
  object?: KubeObject
  list?: KubeObject[]
  /** Whatever else the command keeps, as plain data. */
  data: Record<string, unknown>
}

export function flowOf(cmd: KubectlCommand): WorkloadFlow {
  return cmd.flow as WorkloadFlow
}

/** One request for a command; its answer comes back to onWorkloadResponse as `purpose`. */
export function workloadCall(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  options: Omit<CallOptions, 'step'>,
  purpose: string,
): number {
  return callApi(
    ctx,
    clientFor(state, cmd),
    { ...options, step: 1 },
    { purpose, data: { cmd: cmd.id } },
  )
}

/**
 * A cobra flag error as kubectl v1.32 logs it: klog's header (severity, date, time with
 * microseconds, thread id, file:line) and the structured "command failed" message.
 */
export function klogCommandFailed(nowMs: number, err: string): string {
  const [date = '', time = ''] = simTimeToRfc3339(nowMs).slice(5, -1).split('T')
  const micros = String((nowMs % 1000) * 1000).padStart(6, '0')
  return `E${date.replace('-', '')} ${time}.${micros}       1 run.go:72] "command failed" err=${JSON.stringify(err)}`
}

/** "deployment/nginx", "deployments nginx", "deploy/nginx" → the type alias and the name. */
export function splitTarget(positional: readonly string[]): { type: string; name?: string } {
  const [first = '', second] = positional
  const [type = '', slashName] = first.split('/', 2)
  const name = slashName ?? second
  return name !== undefined ? { type, name } : { type }
}
