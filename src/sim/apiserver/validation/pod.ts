import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { labelSelectorMatches } from '../../scheduler/util/selectors'
import { goValue, type FieldError } from '../status'
import { validateContainers } from './container'
import { validateLabelMap, validateNodeAffinity, validateTolerations } from './scheduling'

// Source: ValidatePodSpec and validateRestartPolicy, pkg/apis/core/validation/validation.go
// (v1.32), in ValidatePodSpec's order. Only the checks a lesson or a typo can trip are modelled.
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errors = validateContainers(spec?.containers, `${path}.containers`)
  const restartPolicy = spec?.restartPolicy
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) {
    errors.push({
      type: 'FieldValueNotSupported',
      field: `${path}.restartPolicy`,
      badValue: restartPolicy,
      detail: `supported values: ${RESTART_POLICIES.map((p) => `"${p}"`).join(', ')}`,
    })
  }
  errors.push(...validateLabelMap(spec?.nodeSelector, `${path}.nodeSelector`))
  errors.push(...validateNodeAffinity(spec?.affinity, `${path}.affinity`))
  if ((spec?.tolerations ?? []).length > 0)
    errors.push(...validateTolerations(spec?.tolerations, `${path}.tolerations`))
  return errors
}

/** %#v of a label map: map[string]string{"app":"web"}, or map[string]string(nil) when absent. */
export function goStringMap(labels: Record<string, string> | undefined): string {
  if (labels === undefined) return 'map[string]string(nil)'
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))
  return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`
}

/**
 * ValidatePodTemplateSpecForReplicaSet (pkg/apis/apps/validation/validation.go, v1.32): the
 * selector must select the template (a nil selector is labels.Nothing(), which selects nothing;
 * an empty one selects everything and is not checked), then the template's own checks. That a
 * ReplicaSet's or Deployment's Pods restart Always is workloads.ts validateAlwaysRestart.
 */
export function validateTemplate(
  template: PodTemplateSpec | undefined,
  selector: LabelSelector | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  const labels = template?.metadata?.labels
  const empty =
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  if (!empty && !labelSelectorMatches(selector, labels ?? {})) {
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.metadata.labels`,
      badValue: goValue(goStringMap(labels)),
      detail: '`selector` does not match template `labels`',
    })
  }
  // ValidatePodTemplateSpec reports the template's labels at "<path>.labels" (sic).
  errors.push(...validateLabelMap(labels, `${path}.labels`))
  errors.push(...validatePodSpec(template?.spec, `${path}.spec`))
  return errors
}
