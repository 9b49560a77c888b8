import { registerHostCache } from '../../core/host-caches'
// ECDSA P-256 from @noble/curves: WebCrypto's sign/verify are async, which the synchronous,
// deterministic sim cannot use; noble's are synchronous, audited, and sign deterministically
// (RFC 6979), so one seed still gives one token. Signing goes through es256.ts, which gives
// noble's bytes at half the cost.
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { signEs256 } from './es256'
import { nextUint32, type RngState } from '../../core/rng'
import { base64Decode, base64UrlEncode, bytesToUtf8, utf8ToBytes } from '../../core/bytes'

/**
 * The service-account signing key pair (kube-apiserver --service-account-signing-key-file and
 * --service-account-key-file). kubeadm generates an RSA key (RS256 tokens); the sim uses an
 * ECDSA P-256 key (ES256), which kube-apiserver accepts as well, because a synchronous
 * implementation of it exists. Keys are plain hex so a checkpoint copies them.
 */
export interface SigningKey {
  privateKeyHex: string
  publicKeyHex: string
  /** The JWT "kid": base64url(sha256(public key)), as keyIDFromPublicKey does with the DER. */
  keyId: string
}

const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16))
const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** A key pair drawn from the seeded rng. */
export function generateSigningKey(rng: RngState): SigningKey {
  for (;;) {
    const secret = new Uint8Array(32)
    for (let i = 0; i < 32; i += 4) {
      const word = nextUint32(rng)
      secret.set([word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255], i)
    }
    if (!p256.utils.isValidSecretKey(secret)) continue
    const publicKey = p256.getPublicKey(secret, false)
    return {
      privateKeyHex: toHex(secret),
      publicKeyHex: toHex(publicKey),
      keyId: base64UrlEncode(sha256(publicKey)),
    }
  }
}

const encodeSegment = (value: unknown): string =>
  base64UrlEncode(utf8ToBytes(JSON.stringify(value)))

// Signing and verifying are pure (RFC 6979 nonces) but cost about a millisecond each in JS, and a
// seek replays every token the run minted and checked. So their results are memoised outside
// the sim state (a checkpoint never holds them; a replay gets the same bytes either way).
// NB: bounded by clearing when full; the working set is a run's tokens, far below this.
const MEMO_LIMIT = 4_096
const signatures = registerHostCache('apiserver/authn/jwt.ts signatures', new Map<string, string>())
const verifications = registerHostCache(
  'apiserver/authn/jwt.ts verifications',
  new Map<string, boolean>(),
)

function memo<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  if (cache.size >= MEMO_LIMIT) cache.clear()
  const value = compute()
  cache.set(key, value)
  return value
}

/** header.payload.signature, ES256 (the signature is r||s, 64 bytes, as JWS requires). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const signingInput = `${encodeSegment({ alg: 'ES256', kid: key.keyId })}.${encodeSegment(claims)}`
  const signature = memo(signatures, `${key.privateKeyHex}|${signingInput}`, () =>
    base64UrlEncode(signEs256(utf8ToBytes(signingInput), fromHex(key.privateKeyHex))),
  )
  return `${signingInput}.${signature}`
}

export type JwtResult =
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { ok: false; error: string }

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  const decoded = base64Decode(segment, 'url')
  if (!decoded.ok) return undefined
  try {
    const value = JSON.parse(bytesToUtf8(decoded.bytes)) as unknown
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Splits a JWT without checking it: what jwt.io (and the sim's kubeconfig view) shows. */
export function decodeJwt(token: string): JwtResult {
  const parts = token.split('.')
  if (parts.length !== 3)
    return { ok: false, error: 'token is not a JWT (want header.payload.signature)' }
  const header = decodeSegment(parts[0] ?? '')
  const claims = decodeSegment(parts[1] ?? '')
  if (!header || !claims) return { ok: false, error: 'token is malformed' }
  return { ok: true, header, claims }
}

/** Checks the signature against the public key; returns the claims when it verifies. */
export function verifyJwt(key: SigningKey, token: string): JwtResult {
  const decoded = decodeJwt(token)
  if (!decoded.ok) return decoded
  const [head = '', payload = '', sig = ''] = token.split('.')
  const signature = base64Decode(sig, 'url')
  if (decoded.header['alg'] !== 'ES256' || !signature.ok || signature.bytes.length !== 64)
    return { ok: false, error: 'square/go-jose: error in cryptographic primitive' }
  const valid = memo(verifications, `${key.publicKeyHex}|${token}`, () =>
    p256.verify(signature.bytes, utf8ToBytes(`${head}.${payload}`), fromHex(key.publicKeyHex)),
  )
  return valid ? decoded : { ok: false, error: 'square/go-jose: error in cryptographic primitive' }
}
