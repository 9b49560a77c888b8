/**
 * EncryptionConfiguration files the Secrets tab offers, with demo keys. A real key is 32 random
 * bytes (`head -c 32 /dev/urandom | base64`); these are derived from the run's seed and the key's
 * name so a lesson replays with the same bytes. Pure.
 */
export type TemplateId =
  'aescbc' | 'aesgcm' | 'secretbox' | 'rotate' | 'finish-rotation' | 'identity'

export const TEMPLATES: { id: TemplateId; label: string }[] = [
  { id: 'aescbc', label: 'aescbc, key1' },
  { id: 'aesgcm', label: 'aesgcm, key1' },
  { id: 'secretbox', label: 'secretbox, key1' },
  { id: 'rotate', label: 'Rotate: key2 first, key1 kept' },
  { id: 'finish-rotation', label: 'Finish rotation: key1 removed' },
  { id: 'identity', label: 'identity first (decrypt back to plaintext)' },
]

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function base64(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63)
    out += i + 1 < bytes.length ? BASE64.charAt((n >> 6) & 63) : '='
    out += i + 2 < bytes.length ? BASE64.charAt(n & 63) : '='
  }
  return out
}

/** 32 demo key bytes, base64: an xorshift stream seeded by FNV-1a of "<seed>/<name>". */
export function demoKey(seed: number, name: string): string {
  let h = 0x811c9dc5
  for (const ch of `${seed}/${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193)
  let x = h >>> 0 || 1
  const bytes: number[] = []
  for (let i = 0; i < 32; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes.push((x >>> 0) & 0xff)
  }
  return base64(bytes)
}

const header = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
`

const keys = (seed: number, names: string[]) =>
  names.map((n) => `            - name: ${n}\n              secret: ${demoKey(seed, n)}`).join('\n')

export function encryptionTemplate(id: TemplateId, seed: number): string {
  const provider = (kind: string, names: string[]) =>
    `      - ${kind}:\n          keys:\n${keys(seed, names)}\n`
  switch (id) {
    case 'aescbc':
    case 'aesgcm':
    case 'secretbox':
      return `${header}${provider(id, ['key1'])}      - identity: {}\n`
    case 'rotate':
      return `${header}${provider('aescbc', ['key2', 'key1'])}      - identity: {}\n`
    case 'finish-rotation':
      return `${header}${provider('aescbc', ['key2'])}      - identity: {}\n`
    case 'identity':
      return `${header}      - identity: {}\n${provider('aescbc', ['key2', 'key1'])}`
  }
}
