import type { Type } from 'protobufjs'
import { messagePlain } from './from-json'
import { kindMessage, messageType, unknownType } from './schema'

/**
 * Responses in `application/vnd.kubernetes.protobuf`, for a client that accepts nothing else:
 * the object's message wrapped in runtime.Unknown after the `k8s\0` magic, and watch events as
 * length-prefixed WatchEvent frames whose object is such an encoding.
 * Sources (v1.32): apimachinery pkg/runtime/serializer/protobuf/protobuf.go (Serializer.Encode,
 * RawSerializer, LengthDelimitedFramer), pkg/apis/meta/v1/watch.go (WatchEvent).
 */

const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00)
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1'

// Kinds the scheme serves under "v1" whose Go types live in meta/v1.
const META_KINDS = new Set(['Status', 'WatchEvent', 'DeleteOptions'])

/** The message of an object's apiVersion and kind (meta/v1's for Status and the like). */
export function messageOfKind(apiVersion: string, kind: string): Type | undefined {
  if (META_KINDS.has(kind)) return messageType(`${META}.${kind}`)
  const slash = apiVersion.indexOf('/')
  const group = slash < 0 ? '' : apiVersion.slice(0, slash)
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1)
  return kindMessage(group, version, kind)
}

/** The protobuf encoding of an API object, or undefined when its kind has no message here. */
export function encodeObject(object: unknown): Uint8Array | undefined {
  if (object === null || typeof object !== 'object') return undefined
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown }
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined
  const message = messageOfKind(apiVersion, kind)
  if (!message) return undefined
  try {
    const raw = message.encode(messagePlain(message, object)).finish()
    const envelope = unknownType()
      .encode({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })
      .finish()
    return Buffer.concat([MAGIC, envelope])
  } catch {
    // A value protobufjs refuses (a number where the schema has text ...): no protobuf form.
    return undefined
  }
}

/** One watch event as a frame: a 4-byte big-endian length, then the WatchEvent message. */
export function encodeWatchEvent(type: string, object: unknown): Uint8Array | undefined {
  const raw = encodeObject(object)
  const event = messageType(`${META}.WatchEvent`)
  if (!raw || !event) return undefined
  const body = event.encode({ type, object: { raw } }).finish()
  const frame = Buffer.alloc(4 + body.length)
  frame.writeUInt32BE(body.length, 0)
  frame.set(body, 4)
  return frame
}
