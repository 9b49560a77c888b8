import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import type { InformerState } from '../../runtime/informer'
import { indexTally, type IndexTally } from '../../runtime/informer-index'
import { readyCondition } from './pod-ranking'

/** FilterActivePods (pkg/controller/controller_utils.go v1.32): not Succeeded, Failed or deleting. */
export const isActive = (pod: Pod): boolean =>
  pod.status?.phase !== 'Succeeded' &&
  pod.status?.phase !== 'Failed' &&
  !pod.metadata?.deletionTimestamp

/**
 * What every sync of a ReplicaSet reads of its Pods, kept as they change: its active Pods
 * counted, the ready ones among them (podutil.IsPodReady), and how many carry each labels
 * object. Upstream lists the ReplicaSet's Pods from the pods informer's controller-uid index on
 * every sync (getRSPods, then FilterActivePods and calculateStatus over them; replica_set.go,
 * replica_set_utils.go v1.32): O(its Pods) a sync, ~0.7 syncs a Pod start while a Deployment
 * fills. These counts are those passes' results, updated per Pod change instead (reindex,
 * runtime/informer-index.ts): equal by construction, since each Pod's part is added and
 * removed by the same function of the Pod.
 *
 * Labels are counted by object: the API server shares a template's equal parts across its Pods
 * (apiserver/shared-structure.ts), so a ReplicaSet's Pods hold one labels object or a few, and
 * fullyLabeledReplicas tests each distinct one once. Pods whose labels are not shared only make
 * the map longer, not the answer different.
 */
export class OwnedPodsTally implements IndexTally {
  active = 0
  ready = 0
  readonly byLabels = new Map<object | undefined, number>()

  add(object: KubeObject): void {
    this.move(object as Pod, 1)
  }

  remove(object: KubeObject): void {
    this.move(object as Pod, -1)
  }

  private move(pod: Pod, by: 1 | -1): void {
    if (!isActive(pod)) return
    this.active += by
    if (readyCondition(pod)?.status === 'True') this.ready += by
    const labels = pod.metadata?.labels
    const n = (this.byLabels.get(labels) ?? 0) + by
    if (n === 0) this.byLabels.delete(labels)
    else this.byLabels.set(labels, n)
  }
}

/** The tally of the Pods whose controller is `rs`, or undefined when it has none. */
export function ownedPodsTally(pods: InformerState, rs: ReplicaSet): OwnedPodsTally | undefined {
  return indexTally(
    pods.indices,
    pods.items,
    'controllerUid',
    rs.metadata?.uid ?? '',
    () => new OwnedPodsTally(),
  )
}

/**
 * The active pods whose controller is this ReplicaSet, from the pods informer's controller-uid
 * index (getPodsToManage's list, then FilterActivePods), in one pass. Read only when a sync
 * needs the Pods themselves (which to delete; available Pods under minReadySeconds): their
 * counts come from the index's tally (owned-pods-tally.ts).
 */
function activeOwnedPods(pods: InformerState, rs: ReplicaSet): Pod[] {
  const keys = pods.indices?.controllerUid?.get(rs.metadata?.uid ?? '')
  const out: Pod[] = []
  if (!keys) return out
  for (const key of keys) {
    const pod = pods.items.get(key) as Pod | undefined
    if (pod && isActive(pod)) out.push(pod)
  }
  return out
}

/** One sync's view of the ReplicaSet's active Pods: counted from the tally, listed when asked. */
export class ActivePods {
  readonly tally: OwnedPodsTally | undefined
  readonly count: number
  private readonly pods: InformerState
  private readonly rs: ReplicaSet
  private listed: Pod[] | undefined

  constructor(pods: InformerState, rs: ReplicaSet) {
    this.pods = pods
    this.rs = rs
    this.tally = ownedPodsTally(pods, rs)
    this.count = this.tally?.active ?? 0
  }

  list(): Pod[] {
    return (this.listed ??= activeOwnedPods(this.pods, this.rs))
  }
}
