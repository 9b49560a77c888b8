import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { createEventCorrelator, recordCorrelatedEvent } from '../runtime/event-correlator'
import {
  createBackoff,
  CONTAINER_BACKOFF_INITIAL_MS,
  CONTAINER_BACKOFF_MAX_MS,
  IMAGE_BACKOFF_INITIAL_MS,
  IMAGE_BACKOFF_MAX_MS,
  type BackoffState,
} from './backoff'
import type { ContainerProgress, KubeletState, PodWorker } from './state'

export const aboutPod = (w: PodWorker) => ({ kind: 'Pod', namespace: w.namespace, name: w.name })

/** format.Pod: "name_namespace(uid)", how the kubelet names a Pod in messages. */
export const podFormat = (w: PodWorker): string => `${w.name}_${w.namespace}(${w.uid})`

/**
 * A kubelet event about a Pod (or one of its containers, with the field path
 * `spec.containers{name}` as kubecontainer.GenerateContainerRef sets it), through the correlator.
 */
export function podEvent(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container?: ContainerProgress,
): void {
  recordCorrelatedEvent(ctx, state.client, (state.recorder ??= createEventCorrelator()), {
    involved: worker.pod as KubeObject,
    ...(container ? { fieldPath: `spec.containers{${container.name}}` } : {}),
    type,
    reason,
    message,
    source: { component: 'kubelet', host: state.nodeName },
  })
}

export function containerBackoff(state: KubeletState): BackoffState {
  return (state.containerBackoff ??= createBackoff(
    CONTAINER_BACKOFF_INITIAL_MS,
    CONTAINER_BACKOFF_MAX_MS,
  ))
}

export function imageBackoff(state: KubeletState): BackoffState {
  return (state.imageBackoff ??= createBackoff(IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS))
}

export function containerNamed(
  worker: PodWorker,
  name: string | undefined,
): ContainerProgress | undefined {
  return worker.containers.find((c) => c.name === name)
}
