import { describe, expect, it } from 'vitest'
import { base64Encode, bytesToUtf8, utf8ToBytes, hexOf } from '../../core/bytes'
import { createRng } from '../../core/rng'
import { parseEncryptionConfiguration } from './config'
import { aesCbc, aesGcm, identity, secretbox } from './providers'
import {
  prefixTransformersFor,
  readWith,
  rngBytes,
  transformersForResource,
  writeWith,
} from './transformers'

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16))
const fixed = (bytes: Uint8Array) => () => bytes
const none = new Uint8Array(0)

describe('providers against published test vectors', () => {
  it('aescbc: NIST SP 800-38A F.2.1 (CBC-AES128), IV first, PKCS#7 padding after', () => {
    const key = hex('2b7e151628aed2a6abf7158809cf4f3c')
    const iv = hex('000102030405060708090a0b0c0d0e0f')
    const plaintext = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51')
    const stored = aesCbc(key).toStorage(plaintext, none, fixed(iv))
    expect(hexOf(stored.subarray(0, 16))).toBe(hexOf(iv))
    // The two NIST blocks, then one block of padding (16 × 0x10) that aes.go always adds.
    expect(hexOf(stored.subarray(16, 48))).toBe(
      '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2',
    )
    expect(stored.length).toBe(16 + 48)
    expect(hexOf(aesCbc(key).fromStorage(stored, none) as Uint8Array)).toBe(hexOf(plaintext))
  })

  it('aesgcm: the GCM specification test case 4 (nonce first, tag last, AAD bound)', () => {
    const key = hex('feffe9928665731c6d6a8f9467308308')
    const nonce = hex('cafebabefacedbaddecaf888')
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2')
    const plaintext = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    )
    const stored = aesGcm(key).toStorage(plaintext, aad, fixed(nonce))
    expect(hexOf(stored)).toBe(
      'cafebabefacedbaddecaf888' +
        '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091' +
        '5bc94fbc3221a5db94fae95ae7121a47',
    )
    expect(hexOf(aesGcm(key).fromStorage(stored, aad) as Uint8Array)).toBe(hexOf(plaintext))
  })

  it('secretbox: the NaCl paper vector (XSalsa20-Poly1305), nonce first', () => {
    const key = hex('1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389')
    const nonce = hex('69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37')
    const plaintext = hex(
      'be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705',
    )
    const stored = secretbox(key).toStorage(plaintext, none, fixed(nonce))
    expect(hexOf(stored)).toBe(
      '69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37' +
        'f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5',
    )
    expect(hexOf(secretbox(key).fromStorage(stored, none) as Uint8Array)).toBe(hexOf(plaintext))
  })
})

const key16 = base64Encode(hex('00112233445566778899aabbccddeeff'))
const key32a = base64Encode(new Uint8Array(32).fill(1))
const key32b = base64Encode(new Uint8Array(32).fill(2))
const random = rngBytes(createRng(9))
const etcdKey = utf8ToBytes('/registry/secrets/default/db-pass')
const secretJson = utf8ToBytes('{"kind":"Secret","data":{"password":"czNjcjN0"}}')
const text = (bytes: Uint8Array) => bytesToUtf8(bytes)

describe('prefix transformers', () => {
  it('writes k8s:enc:<provider>:v1:<key name>: then the ciphertext, with the first key', () => {
    const transformers = prefixTransformersFor([
      { aescbc: { keys: [{ name: 'key1', secret: key32a }] } },
      { identity: {} },
    ])
    const stored = writeWith(transformers, secretJson, etcdKey, random)
    expect(text(stored.subarray(0, 23))).toBe('k8s:enc:aescbc:v1:key1:')
    expect(text(stored)).not.toContain('czNjcjN0')
    const read = readWith(transformers, stored, etcdKey)
    expect(read.ok && text(read.data)).toBe(text(secretJson))
    expect(read.ok && read.stale).toBe(false)
  })

  it('identity last still reads plaintext written before encryption (and marks it stale)', () => {
    const transformers = prefixTransformersFor([
      { aesgcm: { keys: [{ name: 'k', secret: key16 }] } },
      { identity: {} },
    ])
    const read = readWith(transformers, secretJson, etcdKey)
    expect(read).toMatchObject({ ok: true, stale: true, label: 'identity' })
  })

  it('rotation: key2 first, key1 still decrypts old values until they are rewritten', () => {
    const before = prefixTransformersFor([{ aescbc: { keys: [{ name: 'key1', secret: key32a }] } }])
    const old = writeWith(before, secretJson, etcdKey, random)
    const during = prefixTransformersFor([
      {
        aescbc: {
          keys: [
            { name: 'key2', secret: key32b },
            { name: 'key1', secret: key32a },
          ],
        },
      },
    ])
    expect(readWith(during, old, etcdKey)).toMatchObject({
      ok: true,
      stale: true,
      label: 'aescbc key1',
    })
    const rewritten = writeWith(during, secretJson, etcdKey, random)
    expect(text(rewritten.subarray(0, 23))).toBe('k8s:enc:aescbc:v1:key2:')
    const after = prefixTransformersFor([{ aescbc: { keys: [{ name: 'key2', secret: key32b }] } }])
    expect(readWith(after, rewritten, etcdKey)).toMatchObject({ ok: true, stale: false })
    // key1 removed before the rewrite: the old value cannot be read any more.
    expect(readWith(after, old, etcdKey)).toEqual({ ok: false, error: 'no matching prefix found' })
  })

  it('aesgcm binds the value to its etcd key: copied under another key it fails to decrypt', () => {
    const transformers = prefixTransformersFor([
      { aesgcm: { keys: [{ name: 'k', secret: key32a }] } },
    ])
    const stored = writeWith(transformers, secretJson, etcdKey, random)
    const elsewhere = utf8ToBytes('/registry/secrets/default/other')
    expect(readWith(transformers, stored, elsewhere)).toEqual({
      ok: false,
      error: 'cipher: message authentication failed',
    })
    // aescbc has no additional data: the same copy decrypts fine.
    const cbcOnly = prefixTransformersFor([{ aescbc: { keys: [{ name: 'k', secret: key32a }] } }])
    const cbcStored = writeWith(cbcOnly, secretJson, etcdKey, random)
    expect(readWith(cbcOnly, cbcStored, elsewhere).ok).toBe(true)
  })

  it('reports decryption failures with upstream texts', () => {
    const cbc = aesCbc(new Uint8Array(32).fill(3))
    expect(cbc.fromStorage(new Uint8Array(8), none)).toEqual({
      error: 'the stored data was shorter than the required size',
    })
    expect(cbc.fromStorage(new Uint8Array(20), none)).toEqual({
      error: 'the stored data is not a multiple of the block size',
    })
    const wrongKey = prefixTransformersFor([
      { aescbc: { keys: [{ name: 'key1', secret: key32b }] } },
    ])
    const stored = writeWith(
      prefixTransformersFor([{ aescbc: { keys: [{ name: 'key1', secret: key32a }] } }]),
      secretJson,
      etcdKey,
      random,
    )
    const read = readWith(wrongKey, stored, etcdKey)
    expect(read.ok).toBe(false)
    expect(!read.ok && /invalid (PKCS7 data|padding on input)/.test(read.error)).toBe(true)
    expect(secretbox(new Uint8Array(32)).fromStorage(new Uint8Array(60), none)).toEqual({
      error: 'output array was not large enough for encryption',
    })
    expect(identity.fromStorage(utf8ToBytes('k8s:enc:aescbc:v1:key1:xyz'), none)).toEqual({
      error: 'identity transformer tried to read encrypted data',
    })
  })

  it('IVs come from the seeded PRNG: same seed, same ciphertext', () => {
    const transformers = prefixTransformersFor([
      { aescbc: { keys: [{ name: 'k', secret: key32a }] } },
    ])
    const a = writeWith(transformers, secretJson, etcdKey, rngBytes(createRng(42)))
    const b = writeWith(transformers, secretJson, etcdKey, rngBytes(createRng(42)))
    const c = writeWith(transformers, secretJson, etcdKey, rngBytes(createRng(43)))
    expect(hexOf(a)).toBe(hexOf(b))
    expect(hexOf(a)).not.toBe(hexOf(c))
  })
})

describe('EncryptionConfiguration', () => {
  const file = (providers: string, resources = '[secrets]') =>
    `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: ${resources}\n    providers:\n${providers}`

  it('accepts a valid file and picks the entry per resource: exact, then *.<group>, then *.*', () => {
    const parsed = parseEncryptionConfiguration(
      file(
        `      - aescbc:\n          keys: [{name: key1, secret: ${key32a}}]\n      - identity: {}\n`,
        '[secrets, "*.apps"]',
      ),
      '/etc/kubernetes/enc/enc.yaml',
    )
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(transformersForResource(parsed.config, 'secrets', '').map((t) => t.label)).toEqual([
      'aescbc key1',
      'identity',
    ])
    expect(
      transformersForResource(parsed.config, 'deployments', 'apps').map((t) => t.label),
    ).toEqual(['aescbc key1', 'identity'])
    expect(transformersForResource(parsed.config, 'configmaps', '').map((t) => t.label)).toEqual([
      'identity',
    ])
  })

  it('rejects bad keys with the validation texts kube-apiserver exits with', () => {
    const errorOf = (providers: string, resources?: string): string => {
      const parsed = parseEncryptionConfiguration(file(providers, resources), 'enc.yaml')
      return parsed.ok ? '' : parsed.error
    }
    const short = base64Encode(new Uint8Array(10))
    expect(errorOf(`      - aescbc:\n          keys: [{name: key1, secret: ${short}}]\n`)).toBe(
      'error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 10, expected one of [16 24 32]',
    )
    expect(
      errorOf(`      - secretbox:\n          keys: [{name: k, secret: ${key16}}]\n`),
    ).toContain('secret is not of the expected length, got 16, expected one of [32]')
    expect(
      errorOf(`      - aesgcm:\n          keys: [{name: k, secret: "not base64!"}]\n`),
    ).toContain('secret: Invalid value: "REDACTED": secrets must be base64 encoded')
    expect(errorOf('      - identity: {}\n', '["*"]')).toContain(
      "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources",
    )
  })
})
