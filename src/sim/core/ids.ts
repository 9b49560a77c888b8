import { nextUint32, type RngState } from './rng'

const HEX = '0123456789abcdef'

/** A v4-shaped UUID drawn from the seeded rng, so uids are stable across runs of one seed. */
export function nextUid(rng: RngState): string {
  let out = ''
  for (let i = 0; i < 4; i++) {
    const word = nextUint32(rng)
    for (let shift = 28; shift >= 0; shift -= 4) out += HEX.charAt((word >>> shift) & 0xf)
  }
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${HEX.charAt(8 + (nextUint32(rng) & 3))}${out.slice(17, 20)}-${out.slice(20, 32)}`
}

// Alphabet without vowels or confusable characters, so generated names never spell words.
// Source: alphanums in staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go (v1.32)
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
// randomLength = 5: names.SimpleNameGenerator, staging/src/k8s.io/apiserver/pkg/storage/names/generate.go (v1.32)
const GENERATED_SUFFIX_LENGTH = 5
// maxGeneratedNameLength = 63 - 5: same file.
const MAX_GENERATED_BASE_LENGTH = 58

/** The name the API server makes from metadata.generateName ("web-" → "web-x7k2p"). */
export function generateName(rng: RngState, base: string): string {
  let suffix = ''
  for (let i = 0; i < GENERATED_SUFFIX_LENGTH; i++) {
    suffix += NAME_ALPHABET.charAt(nextUint32(rng) % NAME_ALPHABET.length)
  }
  return base.slice(0, MAX_GENERATED_BASE_LENGTH) + suffix
}
