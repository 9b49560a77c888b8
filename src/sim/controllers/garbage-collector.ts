import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi, type ApiClientState } from '../runtime/api-client'
import { byIndex, type InformerState } from '../runtime/informer'
import { restPath, findResourceByKind } from '../apiserver/resources'

/**
 * The part of the garbage collector we model: when an owner is gone, its dependents (found by
 * their controller ownerReference) are deleted too, as background propagation does, so deleting
 * a Deployment removes its ReplicaSets, whose removal removes their Pods.
 * Source: pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem (v1.32).
 * NB: only controller references are followed, and orphan/foreground propagation is not modelled.
 */
export function collectDependents(
  ctx: ActorContext,
  client: ApiClientState,
  owner: KubeObject,
  dependentInformers: readonly (InformerState | undefined)[],
): void {
  const uid = owner.metadata?.uid ?? ''
  for (const informer of dependentInformers) {
    if (!informer) continue
    for (const dependent of byIndex(informer, 'controllerUid', uid)) {
      if (dependent.metadata?.deletionTimestamp) continue
      const info = findResourceByKind(dependent.apiVersion ?? 'v1', dependent.kind ?? '')
      const name = dependent.metadata?.name ?? ''
      if (!info) continue
      callApi(
        ctx,
        client,
        {
          method: 'DELETE',
          path: restPath(info, dependent.metadata?.namespace, name),
          label: `DELETE ${info.resource}/${name} (garbage collector)`,
        },
        { purpose: 'gc-delete' },
      )
    }
  }
}
