/**
 * The simulation's only source of randomness: a seeded sfc32 generator whose whole state is four
 * 32-bit integers in a plain object, so it is copied by a checkpoint and restored exactly.
 * Components take their own stream with `forkRng(parent, 'scheduler')`, so adding a draw in one
 * component does not shift the numbers another component sees.
 */
export interface RngState {
  a: number
  b: number
  c: number
  d: number
}

/** FNV-1a over a string: turns a seed label into 32 bits. Pure. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** A generator seeded from a number or string; warmed up so close seeds diverge at once. */
export function createRng(seed: number | string): RngState {
  const seedBits = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
  const state: RngState = { a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: seedBits }
  for (let i = 0; i < 15; i++) nextUint32(state)
  return state
}

/** Next 32-bit unsigned integer (sfc32); advances the state in place. */
export function nextUint32(state: RngState): number {
  const t = (((state.a + state.b) | 0) + state.d) | 0
  state.d = (state.d + 1) | 0
  state.a = state.b ^ (state.b >>> 9)
  state.b = (state.c + (state.c << 3)) | 0
  state.c = (state.c << 21) | (state.c >>> 11)
  state.c = (state.c + t) | 0
  return t >>> 0
}

/** A float in [0, 1). */
export function nextFloat(state: RngState): number {
  return nextUint32(state) / 4294967296
}

/** An integer in [0, n), n ≥ 1, without modulo bias worth caring about for n < 2^16. */
export function nextInt(state: RngState, n: number): number {
  if (n <= 0 || !Number.isInteger(n))
    throw new RangeError(`nextInt needs a positive integer, got ${n}`)
  return Math.floor(nextFloat(state) * n)
}

/** An independent child stream named by `label`; the parent advances by one draw. */
export function forkRng(parent: RngState, label: string): RngState {
  return createRng((nextUint32(parent) ^ hashString(label)) >>> 0)
}
