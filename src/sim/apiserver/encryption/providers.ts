// AES-CBC, AES-GCM and XSalsa20-Poly1305 from @noble/ciphers. WebCrypto has AES-CBC/GCM but
// only as async (Promise) calls, which the synchronous, deterministic simulation cannot make;
// noble's implementations are synchronous, audited and dependency-free, and cover secretbox too.
// The IVs and nonces come from the seeded PRNG (passed in), so one seed gives the same bytes.
import { cbc, gcm } from '@noble/ciphers/aes.js'
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { concatBytes } from '../../core/bytes'

/**
 * One provider key as a value transformer: bytes in, bytes out, with upstream's framing and error
 * texts. `aad` is the authenticated data (the etcd key); only AES-GCM uses it.
 * Source: staging/src/k8s.io/apiserver/pkg/storage/value/encrypt/aes/aes.go (cbc, gcm),
 * secretbox/secretbox.go, identity/identity.go (v1.32)
 */
export interface ValueTransformer {
  toStorage(data: Uint8Array, aad: Uint8Array, random: (n: number) => Uint8Array): Uint8Array
  fromStorage(data: Uint8Array, aad: Uint8Array): Uint8Array | { error: string }
}

const AES_BLOCK = 16
const GCM_NONCE = 12
const SECRETBOX_NONCE = 24
// secretbox.Overhead = poly1305.TagSize (golang.org/x/crypto/nacl/secretbox).
const SECRETBOX_OVERHEAD = 16
const SHORT = 'the stored data was shorter than the required size'

export function aesCbc(key: Uint8Array): ValueTransformer {
  return {
    toStorage(data, _aad, random) {
      const iv = random(AES_BLOCK)
      // PKCS#7 padding, as noble's cbc() adds by default and aes.go does by hand.
      return concatBytes(iv, cbc(key, iv).encrypt(data))
    },
    fromStorage(data) {
      if (data.length < AES_BLOCK) return { error: SHORT }
      const iv = data.subarray(0, AES_BLOCK)
      const body = data.subarray(AES_BLOCK)
      if (body.length % AES_BLOCK !== 0)
        return { error: 'the stored data is not a multiple of the block size' }
      const raw = cbc(key, iv, { disablePadding: true }).decrypt(body)
      const pad = raw[raw.length - 1] ?? 0
      if (pad === 0 || pad > raw.length)
        return { error: 'invalid PKCS7 data (empty or not padded)' }
      for (let i = raw.length - pad; i < raw.length; i++)
        if (raw[i] !== pad) return { error: 'invalid padding on input' }
      return raw.subarray(0, raw.length - pad)
    },
  }
}

export function aesGcm(key: Uint8Array): ValueTransformer {
  return {
    toStorage(data, aad, random) {
      const nonce = random(GCM_NONCE)
      return concatBytes(nonce, gcm(key, nonce, aad).encrypt(data))
    },
    fromStorage(data, aad) {
      if (data.length < GCM_NONCE) return { error: SHORT }
      try {
        return gcm(key, data.subarray(0, GCM_NONCE), aad).decrypt(data.subarray(GCM_NONCE))
      } catch {
        // crypto/cipher's Open error text.
        return { error: 'cipher: message authentication failed' }
      }
    },
  }
}

export function secretbox(key: Uint8Array): ValueTransformer {
  return {
    toStorage(data, _aad, random) {
      const nonce = random(SECRETBOX_NONCE)
      return concatBytes(nonce, xsalsa20poly1305(key, nonce).encrypt(data))
    },
    fromStorage(data) {
      if (data.length < SECRETBOX_OVERHEAD + SECRETBOX_NONCE) return { error: SHORT }
      try {
        return xsalsa20poly1305(key, data.subarray(0, SECRETBOX_NONCE)).decrypt(
          data.subarray(SECRETBOX_NONCE),
        )
      } catch {
        // secretbox.go reports a failed Open with this (misleading) text.
        return { error: 'output array was not large enough for encryption' }
      }
    },
  }
}

const ENCRYPTED_PREFIX = 'k8s:enc:'

/** identity: stores plaintext, and refuses to pass encrypted data off as plaintext. */
export const identity: ValueTransformer = {
  toStorage: (data) => data,
  fromStorage(data) {
    let prefixed = data.length >= ENCRYPTED_PREFIX.length
    for (let i = 0; prefixed && i < ENCRYPTED_PREFIX.length; i++)
      prefixed = data[i] === ENCRYPTED_PREFIX.charCodeAt(i)
    return prefixed ? { error: 'identity transformer tried to read encrypted data' } : data
  },
}
