import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import { base64Decode, base64Encode, utf8ToBytes } from '../../core/bytes'
import type { KubeObject } from '../../model/objects'
import type { FieldError } from '../status'

// MaxSecretSize = 1 MiB, also the ConfigMap limit (pkg/apis/core/types.go, v1.32).
export const MAX_SECRET_SIZE = 1024 * 1024

// IsConfigMapKey (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go, v1.32).
const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/
const KEY_DETAIL =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

export function configMapKeyErrors(key: string, field: string): FieldError[] {
  const errors: FieldError[] = []
  const invalid = (detail: string) =>
    errors.push({ type: 'FieldValueInvalid', field, badValue: key, detail })
  if (utf8ToBytes(key).length > 253) invalid('must be no more than 253 characters')
  if (!KEY_PATTERN.test(key)) invalid(KEY_DETAIL)
  if (key === '.') invalid("must not be '.'")
  else if (key === '..') invalid("must not be '..'")
  else if (key.startsWith('..')) invalid("must not start with '..'")
  return errors
}

/**
 * Decoding a Secret: every data (and ConfigMap binaryData) value must be base64, and
 * stringData is write-only — merged into data, overriding it, and never stored.
 * Returns the decode error text (the request then fails with 400), or undefined.
 * Source: Convert_v1_Secret_To_core_Secret, pkg/apis/core/v1/conversion.go; SetDefaults_Secret (v1.32)
 */
export function normalizeSecret(object: KubeObject): string | undefined {
  const secret = object as Secret & { stringData?: Record<string, string> }
  for (const value of Object.values(secret.data ?? {})) {
    const decoded = base64Decode(value)
    if (!decoded.ok) return decoded.error
  }
  if (secret.stringData) {
    const data: Record<string, string> = { ...secret.data }
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = base64Encode(utf8ToBytes(v))
    ;(object as { data?: Record<string, string> }).data = data
    delete object['stringData']
  }
  object['type'] ??= 'Opaque'
  return undefined
}

export function normalizeConfigMap(object: KubeObject): string | undefined {
  for (const value of Object.values((object as ConfigMap).binaryData ?? {})) {
    const decoded = base64Decode(value)
    if (!decoded.ok) return decoded.error
  }
  return undefined
}

const decodedLength = (value: string): number => {
  const decoded = base64Decode(value)
  return decoded.ok ? decoded.bytes.length : 0
}

// Keys each well-known type requires (pkg/apis/core/types.go SecretType constants, v1.32).
function typeErrors(secret: Secret): FieldError[] {
  const data = secret.data ?? {}
  const required = (key: string): FieldError => ({
    type: 'FieldValueRequired',
    field: `data[${key}]`,
  })
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      return secret.metadata?.annotations?.['kubernetes.io/service-account.name']
        ? []
        : [
            {
              type: 'FieldValueRequired',
              field: 'metadata.annotations[kubernetes.io/service-account.name]',
            },
          ]
    case 'kubernetes.io/dockercfg':
      return '.dockercfg' in data ? [] : [required('.dockercfg')]
    case 'kubernetes.io/dockerconfigjson':
      return '.dockerconfigjson' in data ? [] : [required('.dockerconfigjson')]
    case 'kubernetes.io/basic-auth':
      return 'username' in data || 'password' in data
        ? []
        : [required('username'), required('password')]
    case 'kubernetes.io/ssh-auth':
      return data['ssh-privatekey'] ? [] : [required('ssh-privatekey')]
    case 'kubernetes.io/tls':
      return [
        ...('tls.crt' in data ? [] : [required('tls.crt')]),
        ...('tls.key' in data ? [] : [required('tls.key')]),
      ]
    default:
      return []
  }
}

/** ValidateSecret: key names, the 1 MiB total, and the type's required keys. */
export function validateSecret(secret: Secret): FieldError[] {
  const errors: FieldError[] = []
  let total = 0
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errors.push(...configMapKeyErrors(key, `data[${key}]`))
    total += decodedLength(value)
  }
  if (total > MAX_SECRET_SIZE)
    errors.push({
      type: 'FieldValueTooLong',
      field: 'data',
      detail: `must have at most ${MAX_SECRET_SIZE} bytes`,
    })
  return [...errors, ...typeErrors(secret)]
}

/** ValidateConfigMap: key names in data and binaryData, no key in both, 1 MiB total. */
export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errors: FieldError[] = []
  let total = 0
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errors.push(...configMapKeyErrors(key, `data[${key}]`))
    total += utf8ToBytes(value).length
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errors.push(...configMapKeyErrors(key, `binaryData[${key}]`))
    if (key in (cm.data ?? {}))
      errors.push({
        type: 'FieldValueInvalid',
        field: `binaryData[${key}]`,
        badValue: key,
        detail: 'duplicate of key present in data',
      })
    total += decodedLength(value)
  }
  if (total > MAX_SECRET_SIZE)
    errors.push({
      type: 'FieldValueTooLong',
      field: '',
      detail: `must have at most ${MAX_SECRET_SIZE} bytes`,
    })
  return errors
}

const IMMUTABLE = 'field is immutable when `immutable` is set'

/** ValidateSecretUpdate / ValidateConfigMapUpdate: type is fixed; immutable objects stay as they are. */
export function validateImmutableUpdate(current: KubeObject, next: KubeObject): FieldError[] {
  const errors: FieldError[] = []
  if (current.kind === 'Secret' && current['type'] !== next['type'])
    errors.push({
      type: 'FieldValueInvalid',
      field: 'type',
      badValue: next['type'],
      detail: 'field is immutable',
    })
  if (current['immutable'] !== true) return errors
  if (next['immutable'] !== true)
    errors.push({ type: 'FieldValueForbidden', field: 'immutable', detail: IMMUTABLE })
  if (JSON.stringify(current['data'] ?? {}) !== JSON.stringify(next['data'] ?? {}))
    errors.push({ type: 'FieldValueForbidden', field: 'data', detail: IMMUTABLE })
  if (
    current.kind === 'ConfigMap' &&
    JSON.stringify(current['binaryData'] ?? {}) !== JSON.stringify(next['binaryData'] ?? {})
  )
    errors.push({ type: 'FieldValueForbidden', field: 'binaryData', detail: IMMUTABLE })
  return errors
}
