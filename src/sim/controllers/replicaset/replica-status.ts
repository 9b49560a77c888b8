/* eslint-disable @typescript-eslint/prefer-for-of -- the informer's Pods are frozen (watch-cache.ts freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (several times slower than over a plain one); the per-sync loops over them index instead. */
/**
 * The ReplicaSet status counts (calculateStatus, pkg/controller/replicaset/replica_set_utils.go
 * v1.32): one pass over the active Pods on every sync, as upstream.
 *
 * The pass runs over up to a ReplicaSet's every Pod on every sync (~0.7 syncs per Pod start while
 * a Deployment fills), so it reads the informer's frozen Pods with indexed loops: V8 iterates a
 * frozen array with for-of several times slower and allocates per step.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../../core/time'
import type { OwnedPodsTally } from './owned-pods-tally'
import { readyCondition } from './pod-ranking'

/** Whether `labels` carries every pair of keys[i] = values[i] (a template label subset test). */
function hasAll(
  labels: Readonly<Record<string, string>> | undefined,
  keys: readonly string[],
  values: readonly string[],
): boolean {
  for (let i = 0; i < keys.length; i++) if (labels?.[keys[i] as string] !== values[i]) return false
  return true
}

/** The ReplicaSet status counts (countReplicas' result). */
export interface ReplicaCounts {
  fullyLabeled: number
  ready: number
  available: number
  minReadyMs: number
}

/** The template's label pairs as two arrays, read once per sync. */
function templatePairs(rs: ReplicaSet): { keys: string[]; values: string[] } {
  // fullyLabeledReplicas: Pods carrying every label of the Pod template (templateLabel, a
  // superset of the selector; an empty template matches every Pod).
  const template = rs.spec?.template?.metadata?.labels ?? {}
  const keys = Object.keys(template)
  return { keys, values: keys.map((k) => template[k] as string) }
}

/**
 * countReplicas from the running tally of the active Pods, when that is the same answer: with
 * minReadySeconds 0 a ready Pod is available whatever its transition time (IsPodAvailable), so
 * the counts are the tally's; otherwise undefined (the caller makes the pass over the Pods).
 */
export function countReplicasFromTally(
  rs: ReplicaSet,
  tally: OwnedPodsTally | undefined,
): ReplicaCounts | undefined {
  if ((rs.spec?.minReadySeconds ?? 0) !== 0) return undefined
  if (tally === undefined) return { fullyLabeled: 0, ready: 0, available: 0, minReadyMs: 0 }
  const { keys, values } = templatePairs(rs)
  let fullyLabeled = 0
  for (const [labels, n] of tally.byLabels)
    if (hasAll(labels as Readonly<Record<string, string>> | undefined, keys, values))
      fullyLabeled += n
  return { fullyLabeled, ready: tally.ready, available: tally.ready, minReadyMs: 0 }
}

/** calculateStatus (replica_set_utils.go v1.32) in one pass: available = ready for minReadySeconds. */
export function countReplicas(
  rs: ReplicaSet,
  active: readonly Pod[],
  nowMs: number,
): ReplicaCounts {
  const { keys, values } = templatePairs(rs)
  const minReadyMs = (rs.spec?.minReadySeconds ?? 0) * 1000
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  for (let i = 0; i < active.length; i++) {
    const p = active[i] as Pod
    if (hasAll(p.metadata?.labels, keys, values)) fullyLabeled++
    // podutil.IsPodReady, then IsPodAvailable: with minReadySeconds 0 a ready pod is
    // available, its Ready condition's transition time unread.
    const condition = readyCondition(p)
    if (condition?.status !== 'True') continue
    ready++
    if (
      minReadyMs === 0 ||
      (rfc3339ToSimTime(condition.lastTransitionTime ?? '') ?? 0) + minReadyMs <= nowMs
    )
      available++
  }
  return { fullyLabeled, ready, available, minReadyMs }
}
