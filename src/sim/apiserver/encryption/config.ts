import { parse } from 'yaml'
import { base64Decode } from '../../core/bytes'
import { fieldErrorText, type FieldError } from '../status'

/**
 * EncryptionConfiguration (apiserver.config.k8s.io/v1), the file behind kube-apiserver's
 * --encryption-provider-config: which resources to encrypt, with which providers, in which order.
 * Source: staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types_encryption.go and
 * validation/validation_encryption.go (v1.32)
 */
export interface EncryptionKey {
  name: string
  secret: string
}

export interface ProviderConfig {
  identity?: Record<string, never>
  aescbc?: { keys: EncryptionKey[] }
  aesgcm?: { keys: EncryptionKey[] }
  secretbox?: { keys: EncryptionKey[] }
  kms?: unknown
}

export interface ResourceConfig {
  resources: string[]
  providers: ProviderConfig[]
}

export interface EncryptionConfiguration {
  resources: ResourceConfig[]
}

export const KEY_PROVIDERS = ['aescbc', 'aesgcm', 'secretbox'] as const
export type KeyProvider = (typeof KEY_PROVIDERS)[number]

// See aesKeySizes and secretBoxKeySizes in validation_encryption.go.
const KEY_SIZES: Record<KeyProvider, number[]> = {
  aescbc: [16, 24, 32],
  aesgcm: [16, 24, 32],
  secretbox: [32],
}

function keyErrors(keys: EncryptionKey[] | undefined, path: string, sizes: number[]): FieldError[] {
  if (!keys || keys.length === 0)
    return [{ type: 'FieldValueRequired', field: path, detail: 'at least one keys is required' }]
  const errors: FieldError[] = []
  keys.forEach((key, i) => {
    const at = `${path}[${i}]`
    if (!key.name)
      errors.push({
        type: 'FieldValueRequired',
        field: `${at}.name`,
        detail: 'name is a mandatory field for a key',
      })
    if (!key.secret) {
      errors.push({
        type: 'FieldValueRequired',
        field: `${at}.secret`,
        detail: 'secret is a mandatory field for a key',
      })
      return
    }
    const decoded = base64Decode(key.secret)
    if (!decoded.ok) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `${at}.secret`,
        badValue: 'REDACTED',
        detail: 'secrets must be base64 encoded',
      })
      return
    }
    if (!sizes.includes(decoded.bytes.length))
      errors.push({
        type: 'FieldValueInvalid',
        field: `${at}.secret`,
        badValue: 'REDACTED',
        detail: `secret is not of the expected length, got ${decoded.bytes.length}, expected one of [${sizes.join(' ')}]`,
      })
  })
  return errors
}

function providerErrors(provider: ProviderConfig, path: string): FieldError[] {
  const present = ['kms', ...KEY_PROVIDERS, 'identity'].filter(
    (p) => (provider as Record<string, unknown>)[p] !== undefined,
  )
  if (present.length === 0)
    return [
      {
        type: 'FieldValueInvalid',
        field: path,
        badValue: 'REDACTED',
        badValueText: 'provider',
        detail:
          'provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity',
      },
    ]
  if (present.length > 1)
    return [
      {
        type: 'FieldValueInvalid',
        field: path,
        badValueText: 'provider',
        detail:
          'more than one provider specified in a single element, should split into different list elements',
      },
    ]
  const kind = present[0] as KeyProvider | 'kms' | 'identity'
  if (kind === 'identity') return []
  if (kind === 'kms')
    return [
      {
        type: 'FieldValueForbidden',
        field: `${path}.kms`,
        detail: 'KMS needs a KMS plugin on a unix socket, which this simulation does not run',
      },
    ]
  return keyErrors(provider[kind]?.keys, `${path}.${kind}.keys`, KEY_SIZES[kind])
}

/** ValidateEncryptionConfiguration, minus the KMS checks. */
export function validateEncryptionConfiguration(config: EncryptionConfiguration): FieldError[] {
  if (config.resources.length === 0)
    return [
      {
        type: 'FieldValueRequired',
        field: 'resources',
        detail: 'at least one resources is required',
      },
    ]
  const errors: FieldError[] = []
  config.resources.forEach((entry, i) => {
    const r = `resources[${i}].resources`
    const p = `resources[${i}].providers`
    if (entry.resources.length === 0)
      errors.push({ type: 'FieldValueRequired', field: r, detail: `at least one ${r} is required` })
    entry.resources.forEach((res, j) => {
      if (res.toLowerCase() !== res)
        errors.push({
          type: 'FieldValueInvalid',
          field: `${r}[${j}]`,
          badValue: res,
          detail: 'resource name should not contain capital letters',
        })
      else if (res === '*')
        errors.push({
          type: 'FieldValueInvalid',
          field: `${r}[${j}]`,
          badValue: res,
          detail:
            "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources",
        })
    })
    if (entry.providers.length === 0)
      errors.push({ type: 'FieldValueRequired', field: p, detail: `at least one ${p} is required` })
    entry.providers.forEach((provider, j) => errors.push(...providerErrors(provider, `${p}[${j}]`)))
  })
  return errors
}

export type ParsedConfig =
  { ok: true; config: EncryptionConfiguration } | { ok: false; error: string }

/** Loads the file as kube-apiserver does at start; the error is what it exits with. */
export function parseEncryptionConfiguration(text: string, path: string): ParsedConfig {
  let raw: unknown
  try {
    raw = parse(text)
  } catch (e) {
    return {
      ok: false,
      error: `error while parsing file: error decoding encryption provider configuration file "${path}": ${(e as Error).message.split('\n')[0] ?? ''}`,
    }
  }
  const object = (raw ?? {}) as { kind?: string; apiVersion?: string; resources?: unknown }
  if (
    object.kind !== 'EncryptionConfiguration' ||
    object.apiVersion !== 'apiserver.config.k8s.io/v1'
  )
    return {
      ok: false,
      error: `error while parsing file: error decoding encryption provider configuration file "${path}": no kind "${object.kind ?? ''}" is registered for version "${object.apiVersion ?? ''}" in scheme "k8s.io/apiserver/pkg/apis/apiserver/install/install.go:28"`,
    }
  const resources = Array.isArray(object.resources)
    ? (object.resources as Partial<ResourceConfig>[])
    : []
  const config: EncryptionConfiguration = {
    resources: resources.map((r) => ({
      resources: r.resources ?? [],
      providers: r.providers ?? [],
    })),
  }
  const errors = validateEncryptionConfiguration(config)
  if (errors.length > 0) {
    const texts = errors.map(fieldErrorText)
    return {
      ok: false,
      error: `error while parsing file: ${texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`}`,
    }
  }
  return { ok: true, config }
}
