/**
 * Taint/toleration matching.
 * Source: Toleration.ToleratesTaint, staging/src/k8s.io/api/core/v1/toleration.go and
 * v1helper.FindMatchingUntoleratedTaint / TolerationsTolerateTaint,
 * staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go (v1.32)
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1'

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    // empty operator means Equal
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint))
}

/** The first taint passing `inclusionFilter` that no toleration tolerates, if any. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!inclusionFilter(taint)) continue
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}

/** DoNotScheduleTaintsFilterFunc (plugins/helper/taints.go v1.32): NoSchedule and NoExecute. */
export function isDoNotScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute'
}
