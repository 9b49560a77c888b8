import { base64Decode, concatBytes, utf8ToBytes } from '../../core/bytes'
import { nextUint32, type RngState } from '../../core/rng'
import type { EncryptionConfiguration, KeyProvider, ProviderConfig } from './config'
import { KEY_PROVIDERS } from './config'
import { aesCbc, aesGcm, identity, secretbox, type ValueTransformer } from './providers'

/**
 * The prefix transformers kube-apiserver builds from an EncryptionConfiguration: each provider
 * key becomes "k8s:enc:<provider>:v1:<key name>:"; identity has no prefix. The first one writes;
 * reading tries each whose prefix matches, in order, and a value read by any but the first is
 * "stale" (a rewrite would re-encrypt it with the first key).
 * Source: staging/src/k8s.io/apiserver/pkg/storage/value/transformer.go prefixTransformers and
 * pkg/server/options/encryptionconfig/config.go (v1.32)
 */
export interface PrefixTransformer {
  prefix: string
  /** "aescbc key1", "identity": for the inspector. */
  label: string
  transformer: ValueTransformer
}

export type ReadResult =
  { ok: true; data: Uint8Array; stale: boolean; label: string } | { ok: false; error: string }

const BUILDERS: Record<KeyProvider, (key: Uint8Array) => ValueTransformer> = {
  aescbc: aesCbc,
  aesgcm: aesGcm,
  secretbox,
}

export function prefixTransformersFor(providers: readonly ProviderConfig[]): PrefixTransformer[] {
  const out: PrefixTransformer[] = []
  for (const provider of providers) {
    if (provider.identity !== undefined) {
      out.push({ prefix: '', label: 'identity', transformer: identity })
      continue
    }
    for (const kind of KEY_PROVIDERS) {
      for (const key of provider[kind]?.keys ?? []) {
        const secret = base64Decode(key.secret)
        if (!secret.ok) continue
        out.push({
          prefix: `k8s:enc:${kind}:v1:${key.name}:`,
          label: `${kind} ${key.name}`,
          transformer: BUILDERS[kind](secret.bytes),
        })
      }
    }
  }
  return out
}

const startsWith = (data: Uint8Array, prefix: string): boolean => {
  if (data.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false
  return true
}

export function writeWith(
  transformers: readonly PrefixTransformer[],
  data: Uint8Array,
  aad: Uint8Array,
  random: (n: number) => Uint8Array,
): Uint8Array {
  const first = transformers[0]
  if (!first) return data
  return concatBytes(utf8ToBytes(first.prefix), first.transformer.toStorage(data, aad, random))
}

export function readWith(
  transformers: readonly PrefixTransformer[],
  data: Uint8Array,
  aad: Uint8Array,
): ReadResult {
  const errors: string[] = []
  for (let i = 0; i < transformers.length; i++) {
    const t = transformers[i] as PrefixTransformer
    if (!startsWith(data, t.prefix)) continue
    const result = t.transformer.fromStorage(data.subarray(t.prefix.length), aad)
    if (!('error' in result)) return { ok: true, data: result, stale: i !== 0, label: t.label }
    // An identity failure only means "encrypted": let the next transformer try.
    if (t.prefix !== '') errors.push(result.error)
  }
  if (errors.length > 0)
    return { ok: false, error: errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]` }
  return { ok: false, error: 'no matching prefix found' }
}

/** What a resource without an entry in the config uses: identity that refuses encrypted data. */
export const UNCONFIGURED: readonly PrefixTransformer[] = [
  { prefix: '', label: 'identity', transformer: identity },
]

/**
 * The transformers for one resource: its exact entry ("secrets", "deployments.apps"), else
 * "*.<group>" ("*." for the core group), else "*.*"; the first entry naming it wins.
 */
export function transformersForResource(
  config: EncryptionConfiguration | undefined,
  resource: string,
  group: string,
): readonly PrefixTransformer[] {
  if (!config) return UNCONFIGURED
  const exact = group === '' ? resource : `${resource}.${group}`
  for (const candidate of [[exact, `${resource}.`], [`*.${group}`], ['*.*']]) {
    const entry = config.resources.find((r) => r.resources.some((name) => candidate.includes(name)))
    if (entry) return prefixTransformersFor(entry.providers)
  }
  return UNCONFIGURED
}

/** n random bytes from the seeded PRNG: IVs and nonces that replay identically. */
export function rngBytes(rng: RngState): (n: number) => Uint8Array {
  return (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i += 4) {
      const word = nextUint32(rng)
      for (let b = 0; b < 4 && i + b < n; b++) out[i + b] = (word >>> (24 - 8 * b)) & 0xff
    }
    return out
  }
}
