import type { KubeObject } from '../../model/objects'
import type { ResourceInfo } from '../resources'
import type { FieldError } from '../status'
import { defaultRbacObject, roleRefChanged } from './rbac'
import { normalizeConfigMap, normalizeSecret, validateImmutableUpdate } from './secret'

/**
 * Decoding and defaulting for the kinds issue 14 adds: Secret data must be base64 (stringData
 * is folded in), ConfigMap binaryData too, RBAC references get their default group. Returns the
 * decoding error text, which the server reports as "<Kind> in version "v1" cannot be handled
 * as a <Kind>: …".
 */
export function decodeAndDefault(info: ResourceInfo, object: KubeObject): string | undefined {
  switch (info.kind) {
    case 'Secret':
      return normalizeSecret(object)
    case 'ConfigMap':
      return normalizeConfigMap(object)
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      defaultRbacObject(object)
      return undefined
    default:
      return undefined
  }
}

/** Update-only rules: immutable Secrets/ConfigMaps, Secret type, a binding's roleRef. */
export function validateUpdateOf(
  info: ResourceInfo,
  current: KubeObject,
  next: KubeObject,
): FieldError[] {
  switch (info.kind) {
    case 'Secret':
    case 'ConfigMap':
      return validateImmutableUpdate(current, next)
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return roleRefChanged(current, next)
    default:
      return []
  }
}
