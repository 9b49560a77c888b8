import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Toleration,
} from 'kubernetes-types/core/v1'
import { labelValueErrors, qualifiedNameErrors } from '../../model/label-validation'
import { goValue, type FieldError, type GoValue } from '../status'

/**
 * Where a Pod may run: nodeSelector, tolerations and node affinity, as ValidatePodSpec checks them.
 * Source: ValidateTolerations, validateTaintEffect, validateAffinity, ValidateNodeSelector,
 * ValidateNodeSelectorRequirement, pkg/apis/core/validation/validation.go (v1.32);
 * ValidateLabels / ValidateLabelName, apimachinery/pkg/apis/meta/v1/validation/validation.go.
 */

// validateTaintEffect's validValues, in upstream's order.
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
const TOLERATION_OPERATORS = ['Equal', 'Exists']

const quotedList = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => `"${v}"`).join(', ')}`

/** ValidateLabelName: every IsQualifiedName message as an Invalid error on `field`. */
function labelNameErrors(key: string, field: string): FieldError[] {
  return qualifiedNameErrors(key).map((detail) => ({
    type: 'FieldValueInvalid',
    field,
    badValue: key,
    detail,
  }))
}

/** ValidateLabels: each key a qualified name, each value a label value; errors on the map's path. */
export function validateLabelMap(
  labels: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(labels ?? {})) {
    errors.push(...labelNameErrors(key, field))
    for (const detail of labelValueErrors(value))
      errors.push({ type: 'FieldValueInvalid', field, badValue: value, detail })
  }
  return errors
}

/** %#v of a core.Toleration, as the "value must be empty" error prints the whole toleration. */
function tolerationSyntax(t: Toleration): GoValue {
  // Go prints a set pointer as its address, which differs from run to run: a fixed one here.
  const seconds = t.tolerationSeconds === undefined ? '(*int64)(nil)' : '(*int64)(0xc000000000)'
  return goValue(
    `core.Toleration{Key:${JSON.stringify(t.key ?? '')}, Operator:${JSON.stringify(t.operator ?? '')}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect ?? '')}, TolerationSeconds:${seconds}}`,
  )
}

/** ValidateTolerations. */
export function validateTolerations(
  tolerations: readonly Toleration[] | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  ;(tolerations ?? []).forEach((t, i) => {
    const at = `${path}[${i}]`
    const key = t.key ?? ''
    const operator = t.operator ?? ''
    const value = t.value ?? ''
    const effect = t.effect ?? ''
    if (key !== '') errors.push(...labelNameErrors(key, `${at}.key`))
    if (key === '' && operator !== 'Exists')
      errors.push({
        type: 'FieldValueInvalid',
        field: `${at}.operator`,
        badValue: operator,
        detail:
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      })
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute')
      errors.push({
        type: 'FieldValueInvalid',
        field: `${at}.effect`,
        badValue: effect,
        detail: "effect must be 'NoExecute' when `tolerationSeconds` is set",
      })
    if (operator === '' || operator === 'Equal') {
      const problems = labelValueErrors(value)
      if (problems.length > 0)
        errors.push({
          type: 'FieldValueInvalid',
          field: `${at}.operator`,
          badValue: value,
          detail: problems.join(';'),
        })
    } else if (operator === 'Exists') {
      if (value !== '')
        errors.push({
          type: 'FieldValueInvalid',
          field: `${at}.operator`,
          badValue: tolerationSyntax(t),
          detail: "value must be empty when `operator` is 'Exists'",
        })
    } else
      errors.push({
        type: 'FieldValueNotSupported',
        field: `${at}.operator`,
        badValue: operator,
        detail: quotedList(TOLERATION_OPERATORS),
      })
    if (effect !== '' && !TAINT_EFFECTS.includes(effect))
      errors.push({
        type: 'FieldValueNotSupported',
        field: `${at}.effect`,
        badValue: effect,
        detail: quotedList(TAINT_EFFECTS),
      })
  })
  return errors
}

/** ValidateNodeSelectorRequirement: operator and value count, the key, each value. */
function validateRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errors: FieldError[] = []
  const values = rq.values ?? []
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errors.push({
          type: 'FieldValueRequired',
          field: `${path}.values`,
          detail: "must be specified when `operator` is 'In' or 'NotIn'",
        })
      break
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errors.push({
          type: 'FieldValueForbidden',
          field: `${path}.values`,
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        })
      break
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errors.push({
          type: 'FieldValueRequired',
          field: `${path}.values`,
          detail: "must be specified single value when `operator` is 'Lt' or 'Gt'",
        })
      break
    default:
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.operator`,
        badValue: rq.operator,
        detail: 'not a valid selector operator',
      })
  }
  errors.push(...labelNameErrors(rq.key, `${path}.key`))
  values.forEach((value, i) => {
    for (const detail of labelValueErrors(value))
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.values[${i}]`,
        badValue: value,
        detail,
      })
  })
  return errors
}

/** ValidateNodeSelectorTerm: its matchExpressions (matchFields only allow metadata.name). */
function validateTerm(term: NodeSelectorTerm, path: string): FieldError[] {
  return (term.matchExpressions ?? []).flatMap((rq, i) =>
    validateRequirement(rq, `${path}.matchExpressions[${i}]`),
  )
}

function validateNodeSelector(selector: NodeSelector, path: string): FieldError[] {
  const terms = selector.nodeSelectorTerms
  if (terms.length === 0)
    return [
      {
        type: 'FieldValueRequired',
        field: `${path}.nodeSelectorTerms`,
        detail: 'must have at least one node selector term',
      },
    ]
  return terms.flatMap((term, i) => validateTerm(term, `${path}.nodeSelectorTerms[${i}]`))
}

/** validateAffinity's node affinity part (required terms, then preferred weights and terms). */
export function validateNodeAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  const node = affinity?.nodeAffinity
  if (!node) return []
  const at = `${path}.nodeAffinity`
  const errors: FieldError[] = []
  const required = node.requiredDuringSchedulingIgnoredDuringExecution
  if (required)
    errors.push(
      ...validateNodeSelector(required, `${at}.requiredDuringSchedulingIgnoredDuringExecution`),
    )
  ;(node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((preferred, i) => {
    const p = `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`
    if (preferred.weight <= 0 || preferred.weight > 100)
      errors.push({
        type: 'FieldValueInvalid',
        field: `${p}.weight`,
        badValue: preferred.weight,
        detail: 'must be in the range 1-100',
      })
    errors.push(...validateTerm(preferred.preference, `${p}.preference`))
  })
  return errors
}
