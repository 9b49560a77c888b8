import type { Pod } from 'kubernetes-types/core/v1'
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import type { KubeObject } from '../../model/objects'
import { etcdKey, findResource } from '../resources'

/**
 * The Priority admission plugin: a Pod's priorityClassName becomes spec.priority (and
 * spec.preemptionPolicy) from the PriorityClass; a Pod without one gets 0 (no globalDefault
 * class is modelled). Returns the Forbidden message upstream gives, or undefined.
 * Source: plugin/pkg/admission/priority/admission.go (v1.32)
 */
export function admitPriority(
  pod: Pod,
  lookup: (key: string) => KubeObject | undefined,
): string | undefined {
  const spec = pod.spec
  if (!spec) return undefined
  const name = spec.priorityClassName
  let priority = 0
  let policy: string | undefined
  if (name) {
    const info = findResource('scheduling.k8s.io', 'priorityclasses')
    const pc = info
      ? (lookup(etcdKey(info, undefined, name)) as PriorityClass | undefined)
      : undefined
    if (!pc) return `no PriorityClass with name ${name} was found`
    priority = pc.value
    policy = pc.preemptionPolicy
  }
  if (spec.priority !== undefined && spec.priority !== priority)
    return `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`
  spec.priority = priority
  spec.preemptionPolicy = policy ?? 'PreemptLowerPriority'
  return undefined
}
