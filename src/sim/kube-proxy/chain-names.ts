/**
 * kube-proxy's iptables chain names: a prefix plus the first 16 characters of
 * base32(sha256(servicePortName + protocol [+ endpoint])), so names fit iptables' 28-character
 * limit and stay stable across restarts. SHA-256 is written out here because the simulation
 * runs without Node's or the browser's crypto.
 * Source: pkg/proxy/iptables/proxier.go portProtoHash, servicePortEndpointChainName (v1.32);
 * FIPS 180-4 (SHA-256); RFC 4648 (base32, standard alphabet).
 */
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

function utf8(text: string): number[] {
  const bytes: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x80) bytes.push(c)
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return bytes
}

/** SHA-256 of a UTF-8 string, as 32 bytes. */
export function sha256(text: string): number[] {
  const bytes = utf8(text)
  const bitLength = bytes.length * 8
  bytes.push(0x80)
  while (bytes.length % 64 !== 56) bytes.push(0)
  for (let i = 7; i >= 0; i--) bytes.push(Math.floor(bitLength / 2 ** (i * 8)) & 0xff)
  const h = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]
  const w = new Array<number>(64).fill(0)
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++)
      w[i] =
        ((bytes[off + i * 4] ?? 0) << 24) |
        ((bytes[off + i * 4 + 1] ?? 0) << 16) |
        ((bytes[off + i * 4 + 2] ?? 0) << 8) |
        (bytes[off + i * 4 + 3] ?? 0)
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15] ?? 0
      const w2 = w[i - 2] ?? 0
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)
      w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0
    }
    let [a, b, c, d, e, f, g, hh] = h as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (K[i] ?? 0) +
          (w[i] ?? 0)) |
        0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
      hh = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    const add = [a, b, c, d, e, f, g, hh]
    for (let i = 0; i < 8; i++) h[i] = ((h[i] ?? 0) + (add[i] ?? 0)) | 0
  }
  return h.flatMap((x) => [(x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff])
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** base32.StdEncoding.EncodeToString (padding is never reached in the first 16 characters). */
export function base32(bytes: readonly number[]): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32.charAt((buffer >>> (bits - 5)) & 31)
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32.charAt((buffer << (5 - bits)) & 31)
  return out
}

/** portProtoHash: the 16-character hash of "ns/svc:port" + protocol (lower case). */
export function portProtoHash(servicePortName: string, protocol: string, endpoint = ''): string {
  const input = servicePortName + protocol.toLowerCase() + endpoint
  const hit = hashes.get(input)
  if (hit !== undefined) return hit
  const hash = base32(sha256(input)).slice(0, 16)
  // Pure, so a bounded cache is safe; it keeps re-rendering a node's rules cheap.
  if (hashes.size >= 50_000) hashes.clear()
  hashes.set(input, hash)
  return hash
}

const hashes = new Map<string, string>()

export const serviceChain = (name: string, protocol: string): string =>
  `KUBE-SVC-${portProtoHash(name, protocol)}`
export const externalChain = (name: string, protocol: string): string =>
  `KUBE-EXT-${portProtoHash(name, protocol)}`
export const endpointChain = (name: string, protocol: string, endpoint: string): string =>
  `KUBE-SEP-${portProtoHash(name, protocol, endpoint)}`
