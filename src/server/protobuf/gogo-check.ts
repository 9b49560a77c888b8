import type { Field, Type } from 'protobufjs'
import { goFieldName } from './schema'

/**
 * The errors kube-apiserver's generated protobuf decoders give for a malformed message, in their
 * words: every k8s.io type's Unmarshal is gogo-protobuf's generated code (generated.pb.go), which
 * checks the wire as it goes and returns the first of these. protobufjs decodes the message
 * (after this check has passed); it is more lenient (it does not check a known field's wire type)
 * and words its errors its own way, so the walk below follows the generated code instead.
 * Sources (v1.32): k8s.io/api/core/v1/generated.pb.go (Unmarshal, skipGenerated,
 * ErrInvalidLengthGenerated, ErrIntOverflowGenerated, ErrUnexpectedEndOfGroupGenerated),
 * k8s.io/apimachinery/pkg/apis/meta/v1/time_proto.go (Time unmarshals a Timestamp),
 * api/resource/quantity_proto.go; Go's io.ErrUnexpectedEOF.
 */

export const UNEXPECTED_EOF = 'unexpected EOF'
export const INVALID_LENGTH = 'proto: negative length found during unmarshaling'
export const INT_OVERFLOW = 'proto: integer overflow'
export const END_OF_GROUP = 'proto: unexpected end of group'

class WireError extends Error {}

/** A position in the bytes being checked; `end` is the whole buffer's length (gogo's `l`). */
interface Cursor {
  bytes: Uint8Array
  at: number
  end: number
}

/** A uint64 as two 32-bit halves (no BigInt: Node 20's optimizer crashes on its 64-bit ops). */
interface Uint64 {
  lo: number
  hi: number
}

/** One varint as gogo reads it: past 64 bits an overflow, past the end an unexpected EOF. */
function varint(c: Cursor): Uint64 {
  let lo = 0
  let hi = 0
  for (let shift = 0; ; shift += 7) {
    if (shift >= 64) throw new WireError(INT_OVERFLOW)
    if (c.at >= c.end) throw new WireError(UNEXPECTED_EOF)
    const b = c.bytes[c.at++] as number
    const bits = b & 0x7f
    // Bits past 64 are dropped, as `wire |= uint64(b&0x7F) << shift` drops them.
    if (shift < 32) {
      lo = (lo | (bits << shift)) >>> 0
      if (shift > 25) hi = (hi | (bits >>> (32 - shift))) >>> 0
    } else hi = (hi | (bits << (shift - 32))) >>> 0
    if (b < 0x80) return { lo, hi }
  }
}

/**
 * `at + int(length)` in Go's int: a length with the sign bit set, or one whose sum overflows,
 * is negative: ErrInvalidLengthGenerated. Other lengths past 2^53 stay past any body's end.
 */
function advance(at: number, length: Uint64): number {
  if (length.hi >= 0x80000000) throw new WireError(INVALID_LENGTH)
  if (length.hi === 0x7fffffff && length.lo > 0xffffffff - at) throw new WireError(INVALID_LENGTH)
  return at + length.hi * 2 ** 32 + length.lo
}

/** A length prefix and where its bytes end, which must not be past `limit`. */
function lengthDelimited(c: Cursor, limit: number): number {
  const length = varint(c)
  const post = advance(c.at, length)
  if (post > limit) throw new WireError(UNEXPECTED_EOF)
  return post
}

/** skipGenerated: the length of one unknown field (groups included), or its error. */
function skip(bytes: Uint8Array, from: number): number {
  const c: Cursor = { bytes, at: from, end: bytes.length }
  let depth = 0
  while (c.at < c.end) {
    const wireType = varint(c).lo & 7
    if (wireType === 0) varint(c)
    else if (wireType === 1) c.at += 8
    else if (wireType === 2) c.at = advance(c.at, varint(c))
    else if (wireType === 3) depth++
    else if (wireType === 4) {
      if (depth === 0) throw new WireError(END_OF_GROUP)
      depth--
    } else if (wireType === 5) c.at += 4
    else throw new WireError(`proto: illegal wireType ${wireType}`)
    if (depth === 0) return c.at - from
  }
  throw new WireError(UNEXPECTED_EOF)
}

function skipField(c: Cursor, start: number, limit: number): void {
  const length = skip(c.bytes.subarray(0, c.end), start)
  if (start + length > limit) throw new WireError(UNEXPECTED_EOF)
  c.at = start + length
}

/** `fieldNum := int32(wire >> 3)`: Go truncates the tag to 32 bits. */
const goFieldNumber = (wire: Uint64): number => (wire.lo >>> 3) | (wire.hi << 29) | 0

const isPackable = (field: Field): boolean =>
  field.repeated && !field.resolvedType && field.type !== 'string' && field.type !== 'bytes'

/** The Go message name errors quote: Time and MicroTime unmarshal a Timestamp. */
function goMessageName(type: Type): string {
  return type.name === 'Time' || type.name === 'MicroTime' ? 'Timestamp' : type.name
}

/** One map entry list (gogo reads the key and value without checking their wire types). */
function checkMapEntries(c: Cursor, field: Field, post: number): void {
  while (c.at < post) {
    const entryStart = c.at
    const fieldNum = goFieldNumber(varint(c))
    if (fieldNum === 1) c.at = lengthDelimited(c, c.end)
    else if (fieldNum === 2 && field.resolvedType) {
      const valueEnd = lengthDelimited(c, c.end)
      checkMessage(field.resolvedType as Type, c.bytes.subarray(c.at, valueEnd))
      c.at = valueEnd
    } else if (fieldNum === 2) c.at = lengthDelimited(c, c.end)
    else skipField(c, entryStart, post)
  }
  c.at = post
}

function checkField(c: Cursor, field: Field, wireType: number): void {
  const wrongWireType = () =>
    new WireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(field)}`)
  if (field.map) {
    if (wireType !== 2) throw wrongWireType()
    checkMapEntries(c, field, lengthDelimited(c, c.end))
    return
  }
  if (field.resolvedType || field.type === 'string' || field.type === 'bytes') {
    if (wireType !== 2) throw wrongWireType()
    const post = lengthDelimited(c, c.end)
    if (field.resolvedType) checkMessage(field.resolvedType as Type, c.bytes.subarray(c.at, post))
    c.at = post
    return
  }
  if (wireType === 0) {
    varint(c)
    return
  }
  if (wireType === 2 && isPackable(field)) {
    const post = lengthDelimited(c, c.end)
    while (c.at < post) varint(c)
    return
  }
  throw wrongWireType()
}

/** Unmarshal's checks for one message; throws the first error gogo would return. */
function checkMessage(type: Type, bytes: Uint8Array): void {
  const c: Cursor = { bytes, at: 0, end: bytes.length }
  const name = goMessageName(type)
  while (c.at < c.end) {
    const start = c.at
    const wire = varint(c)
    const fieldNum = goFieldNumber(wire)
    const wireType = wire.lo & 7
    if (wireType === 4) throw new WireError(`proto: ${name}: wiretype end group for non-group`)
    if (fieldNum <= 0)
      throw new WireError(`proto: ${name}: illegal tag ${fieldNum} (wire type ${wireType})`)
    const field = type.fieldsById[fieldNum]
    if (field) checkField(c, field, wireType)
    else skipField(c, start, c.end)
  }
  if (c.at > c.end) throw new WireError(UNEXPECTED_EOF)
}

/** The error gogo's Unmarshal returns for these bytes as `type`, or undefined if it decodes. */
export function gogoUnmarshalError(type: Type, bytes: Uint8Array): string | undefined {
  try {
    checkMessage(type, bytes)
    return undefined
  } catch (error) {
    if (error instanceof WireError) return error.message
    throw error
  }
}
