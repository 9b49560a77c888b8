/**
 * What a value weighs on a 64-bit V8 heap without pointer compression (Node's default), as the
 * memory bench (heap-walk.ts) and the checkpoints' pin ledger (pin-ledger.ts) both estimate it:
 * objects 24 bytes + 8 per property, arrays 48 + 8 per slot, Map/Set entries 40/32, typed
 * arrays 64 + their bytes, strings 16 + their length rounded to 8.
 */

export const stringSize = (s: string): number => 16 + Math.ceil(s.length / 8) * 8

/** Bytes a plain object takes before its properties, and each property. */
export const OBJECT_BYTES = 24
export const PROPERTY_BYTES = 8

/** A container's own size (not its members'), or undefined for a plain object. */
export function containerBytes(value: object): number | undefined {
  if (Array.isArray(value)) return 48 + 8 * value.length
  if (value instanceof Map) return 64 + 40 * value.size
  if (value instanceof Set) return 64 + 32 * value.size
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength
  return undefined
}
