/**
 * The commands this module family adds (run, create deployment, set image, scale via /scale,
 * rollout, describe deployment/replicaset/job/node, drain): how each starts and where each
 * answer goes. kubectl.ts only forwards here, so its own table stays small.
 */
import type { ActorContext } from '../runtime/actor'
import type { WatchEventMessage } from '../runtime/messages'
import {
  onCreated,
  onScalePatch,
  startCreateDeployment,
  startRun,
  startScaleSubresource,
} from './run-commands'
import { onSetImageGet, onSetImagePatch, startSetImage } from './set-image'
import { onDescribeWorkload } from './describe-workloads'
import {
  onDrainCordon,
  onDrainEvict,
  onDrainNode,
  onDrainPods,
  onDrainPoll,
  startDrain,
} from './drain'
import { onRolloutGet, onRolloutPatched, onRolloutWatch, startRollout } from './rollout'
import { onRolloutReplicaSets } from './rollout-history'
import { fail } from './commands'
import { formatApiError } from './output'
import type { KubectlCommand, KubectlState } from './state'

export const WORKLOAD_VERBS = ['run', 'set', 'rollout', 'drain']

/** Starts a command of this family; undefined when it is not one (kubectl.ts goes on). */
export function startWorkloadCommand(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean | undefined {
  switch (cmd.verb) {
    case 'run':
      return startRun(ctx, state, cmd)
    case 'set':
      return startSetImage(ctx, state, cmd)
    case 'rollout':
      return startRollout(ctx, state, cmd)
    case 'drain':
      return startDrain(ctx, state, cmd)
    case 'create':
      return cmd.positional[0] === 'deployment' ? startCreateDeployment(ctx, state, cmd) : undefined
    case 'scale':
      return ['deployment', 'deployments', 'deploy', 'replicaset', 'replicasets', 'rs'].includes(
        (cmd.positional[0] ?? '').split('/')[0] ?? '',
      )
        ? startScaleSubresource(ctx, state, cmd)
        : undefined
    default:
      return undefined
  }
}

type Handler = (
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
) => boolean

const done =
  (f: (cmd: KubectlCommand, code: number, body: unknown) => void): Handler =>
  (_ctx, _state, cmd, code, body) => {
    f(cmd, code, body)
    return false
  }

const HANDLERS: Record<string, Handler> = {
  'workload-created': done(onCreated),
  'set-image-get': onSetImageGet,
  'set-image-patch': done(onSetImagePatch),
  'scale-patch': done(onScalePatch),
  'rollout-get': onRolloutGet,
  'rollout-replicasets': onRolloutReplicaSets,
  'rollout-patched': done(onRolloutPatched),
  'describe-workload': onDescribeWorkload,
  'drain-node': onDrainNode,
  'drain-cordon': onDrainCordon,
  'drain-pods': onDrainPods,
  'drain-evict': onDrainEvict,
  'drain-poll': onDrainPoll,
}

/**
 * An answer for this family: undefined if the purpose is not one of its, else whether the
 * command goes on (false: kubectl.ts finishes it).
 */
export function onWorkloadResponse(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  purpose: string,
  code: number,
  body: unknown,
): boolean | undefined {
  if (purpose === 'rollout-watch') {
    // The stream ended under kubectl (the API server went away): it reports the error.
    if (code !== 200) fail(cmd, formatApiError(body))
    return false
  }
  const handler = HANDLERS[purpose]
  return handler ? handler(ctx, state, cmd, code, body) : undefined
}

/** A watch event for `rollout status`: false once the command is over. */
export function onWorkloadWatchEvent(cmd: KubectlCommand, message: WatchEventMessage): boolean {
  return onRolloutWatch(cmd, message)
}
