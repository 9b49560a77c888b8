import type {
  ClusterRoleBinding,
  PolicyRule,
  Role,
  RoleBinding,
  Subject,
} from 'kubernetes-types/rbac/v1'
import type { KubeObject } from '../../model/objects'
import type { FieldError } from '../status'
import { validateSubdomain } from './names'

/**
 * RBAC objects: names are only path segments (so "system:controller:x" is fine), rules need
 * verbs and either resources (with groups) or non-resource URLs, bindings a valid roleRef and
 * subjects; roleRef can never change.
 * Source: pkg/apis/rbac/validation/validation.go and pkg/apis/rbac/v1/defaults.go (v1.32)
 */
const RBAC_GROUP = 'rbac.authorization.k8s.io'

/** path.IsValidPathSegmentName (apimachinery/pkg/api/validation/path/name.go, v1.32). */
export function pathSegmentErrors(value: string, field: string): FieldError[] {
  const invalid = (detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    badValue: value,
    detail,
  })
  if (value === '.' || value === '..') return [invalid(`may not be '${value}'`)]
  return ['/', '%'].filter((c) => value.includes(c)).map((c) => invalid(`may not contain '${c}'`))
}

const quoted = (values: string[]) =>
  `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`

// Partial: what arrives is only decoded, so required fields may be missing.
function ruleErrors(rule: Partial<PolicyRule>, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = []
  if ((rule.verbs ?? []).length === 0)
    errors.push({
      type: 'FieldValueRequired',
      field: `${path}.verbs`,
      detail: 'verbs must contain at least one value',
    })
  const urls = rule.nonResourceURLs ?? []
  if (urls.length > 0) {
    if (namespaced)
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.nonResourceURLs`,
        badValue: urls,
        detail: 'namespaced rules cannot apply to non-resource URLs',
      })
    if (
      (rule.apiGroups ?? []).length > 0 ||
      (rule.resources ?? []).length > 0 ||
      (rule.resourceNames ?? []).length > 0
    )
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.nonResourceURLs`,
        badValue: urls,
        detail: 'rules cannot apply to both regular resources and non-resource URLs',
      })
    return errors
  }
  if ((rule.apiGroups ?? []).length === 0)
    errors.push({
      type: 'FieldValueRequired',
      field: `${path}.apiGroups`,
      detail: 'resource rules must supply at least one api group',
    })
  if ((rule.resources ?? []).length === 0)
    errors.push({
      type: 'FieldValueRequired',
      field: `${path}.resources`,
      detail: 'resource rules must supply at least one resource',
    })
  if ((rule.resourceNames ?? []).length > 0 && (rule.resources ?? []).length > 1)
    errors.push({
      type: 'FieldValueRequired',
      field: `${path}.resourceNames`,
      detail: 'resource names cannot apply to multiple resources',
    })
  return errors
}

export function validateRole(role: Role, namespaced: boolean): FieldError[] {
  return (role.rules ?? []).flatMap((r, i) => ruleErrors(r, namespaced, `rules[${i}]`))
}

function subjectErrors(subject: Subject, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = []
  if (!subject.name) errors.push({ type: 'FieldValueRequired', field: `${path}.name` })
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.name) errors.push(...validateSubdomain(subject.name, `${path}.name`))
      if (subject.apiGroup)
        errors.push({
          type: 'FieldValueNotSupported',
          field: `${path}.apiGroup`,
          badValue: subject.apiGroup,
          detail: quoted(['']),
        })
      if (!namespaced && !subject.namespace)
        errors.push({ type: 'FieldValueRequired', field: `${path}.namespace` })
      break
    case 'User':
    case 'Group':
      if (!subject.name)
        errors.push({
          type: 'FieldValueInvalid',
          field: `${path}.name`,
          badValue: '',
          detail: `${subject.kind.toLowerCase()} name cannot be empty`,
        })
      if (subject.apiGroup !== RBAC_GROUP)
        errors.push({
          type: 'FieldValueNotSupported',
          field: `${path}.apiGroup`,
          badValue: subject.apiGroup ?? '',
          detail: quoted([RBAC_GROUP]),
        })
      break
    default:
      errors.push({
        type: 'FieldValueNotSupported',
        field: `${path}.kind`,
        badValue: subject.kind,
        detail: quoted(['ServiceAccount', 'User', 'Group']),
      })
  }
  return errors
}

export function validateBinding(
  binding: RoleBinding | ClusterRoleBinding,
  namespaced: boolean,
): FieldError[] {
  const errors: FieldError[] = []
  // A missing roleRef decodes as the zero RoleRef, as the typed decoder would leave it.
  const given: Partial<RoleBinding['roleRef']> = (binding as Partial<RoleBinding>).roleRef ?? {}
  const ref = { apiGroup: given.apiGroup ?? '', kind: given.kind ?? '', name: given.name ?? '' }
  if (ref.apiGroup !== RBAC_GROUP)
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'roleRef.apiGroup',
      badValue: ref.apiGroup,
      detail: quoted([RBAC_GROUP]),
    })
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole']
  if (!kinds.includes(ref.kind))
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'roleRef.kind',
      badValue: ref.kind,
      detail: quoted(kinds),
    })
  if (!ref.name) errors.push({ type: 'FieldValueRequired', field: 'roleRef.name' })
  else errors.push(...pathSegmentErrors(ref.name, 'roleRef.name'))
  ;(binding.subjects ?? []).forEach((s, i) =>
    errors.push(...subjectErrors(s, namespaced, `subjects[${i}]`)),
  )
  return errors
}

/** SetDefaults_RoleBinding / SetDefaults_Subject: the RBAC group where the kind implies it. */
export function defaultRbacObject(object: KubeObject): void {
  const binding = object as { roleRef?: { apiGroup?: string }; subjects?: Subject[] }
  if (binding.roleRef && !binding.roleRef.apiGroup) binding.roleRef.apiGroup = RBAC_GROUP
  for (const subject of binding.subjects ?? [])
    if (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group'))
      subject.apiGroup = RBAC_GROUP
}

export function roleRefChanged(current: KubeObject, next: KubeObject): FieldError[] {
  const a = JSON.stringify(current['roleRef'] ?? {})
  const b = JSON.stringify(next['roleRef'] ?? {})
  if (a === b) return []
  const ref = (next['roleRef'] ?? {}) as { apiGroup?: string; kind?: string; name?: string }
  return [
    {
      type: 'FieldValueInvalid',
      field: 'roleRef',
      badValueText: `rbac.RoleRef{APIGroup:"${ref.apiGroup ?? ''}", Kind:"${ref.kind ?? ''}", Name:"${ref.name ?? ''}"}`,
      detail: 'cannot change roleRef',
    },
  ]
}
