import { z } from 'zod'
import { EMBED_API_VERSION, EMBED_PROTOCOL } from './embed-constants'
import { simActionSchema } from './scenario/action-schema'

/**
 * The postMessage API between a course page (the host) and the embedded visualizer (the iframe).
 * Every message is an object `{ protocol: 'kube-viz', version: 1, type, … }`. `version` is the
 * major version: fields may be added within a version, never changed or removed.
 *
 * Commands (host → iframe) are obeyed only from origins the embed was told to trust (its
 * `origin` parameter) and only when they validate; anything else is ignored, without an error,
 * as a page's unrelated messages must be. Events (iframe → host) are posted to trusted origins;
 * `ready` and `resized` carry nothing private and also go to any parent, so a plain <iframe>
 * can size itself. README "Embedding" documents every message.
 */
export { EMBED_API_VERSION, EMBED_PROTOCOL }
export type EmbedProtocolName = typeof EMBED_PROTOCOL

const envelope = {
  protocol: z.literal(EMBED_PROTOCOL),
  version: z.literal(EMBED_API_VERSION),
}
const text = (max: number) => z.string().min(1).max(max)
const lessonId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
const step = z.number().int().min(1).max(999)

const commandSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('hello') }),
  z.object({ ...envelope, type: z.literal('play') }),
  z.object({ ...envelope, type: z.literal('pause') }),
  z.object({ ...envelope, type: z.literal('seek'), timeMs: z.number().min(0) }),
  z.object({ ...envelope, type: z.literal('setSpeed'), speed: z.number().min(0.05).max(64) }),
  z.object({ ...envelope, type: z.literal('goToStep'), lesson: lessonId.optional(), step }),
  z.object({
    ...envelope,
    type: z.literal('kubectl'),
    command: text(4_000),
    stdin: z.string().max(64_000).optional(),
  }),
  z.object({
    ...envelope,
    type: z.literal('injectFault'),
    /** A preset's id ("kill-etcd-leader"), or a fault from the failure panel's table. */
    preset: text(64).optional(),
    fault: z
      .object({
        kind: text(64),
        target: text(253),
        healAfterMs: z.number().int().min(1_000).optional(),
        value: z.number().optional(),
      })
      .optional(),
    /** Or one SimAction, for authors who script the simulation directly. */
    action: simActionSchema.optional(),
  }),
  z.object({ ...envelope, type: z.literal('healAll') }),
])

export type EmbedCommand = z.output<typeof commandSchema>

/** Events the iframe posts to its host page. */
export type EmbedEvent = { protocol: EmbedProtocolName; version: typeof EMBED_API_VERSION } & (
  | {
      type: 'ready'
      /** Commands this build understands, so a host can feature-detect. */
      commands: EmbedCommand['type'][]
      lesson?: string
      step?: number
    }
  | { type: 'resized'; height: number; width: number }
  | { type: 'stepChanged'; lesson: string; step: number; title?: string }
  | { type: 'goalReached'; lesson: string; step: number; goal: string }
  | { type: 'lessonCompleted'; lesson: string }
  | { type: 'playback'; playing: boolean; speed: number; timeMs: number }
)

export const EMBED_COMMANDS: EmbedCommand['type'][] = commandSchema.options.map(
  (o) => o.shape.type.value,
)

/** The command in `data`, or undefined for anything that is not a valid command. */
export function parseEmbedCommand(data: unknown): EmbedCommand | undefined {
  const result = commandSchema.safeParse(data)
  if (!result.success) return undefined
  const command = result.data
  if (command.type === 'injectFault') {
    const given = [command.preset, command.fault, command.action].filter((x) => x !== undefined)
    if (given.length !== 1) return undefined
  }
  return command
}

/**
 * The origins an embed trusts, from its `origin` parameter (repeatable, or comma-separated):
 * exact `scheme://host[:port]` origins, normalised. Anything else is dropped: no wildcards.
 */
export function parseTrustedOrigins(values: readonly string[]): string[] {
  const origins = new Set<string>()
  for (const value of values.flatMap((x) => x.split(','))) {
    const trimmed = value.trim()
    if (!/^https?:\/\/[^/?#*]+\/?$/i.test(trimmed)) continue
    try {
      origins.add(new URL(trimmed).origin)
    } catch {
      // not a URL: ignored, like any other untrusted origin
    }
  }
  return [...origins]
}

/** Whether a message from `origin` may command the embed. */
export function isTrustedOrigin(origin: string, trusted: readonly string[]): boolean {
  return origin !== 'null' && trusted.includes(origin)
}

/** A command to obey, or undefined: untrusted origin or invalid message, ignored silently. */
export function acceptCommand(
  message: { origin: string; data: unknown },
  trusted: readonly string[],
): EmbedCommand | undefined {
  return isTrustedOrigin(message.origin, trusted) ? parseEmbedCommand(message.data) : undefined
}

export function embedEvent<E extends EmbedEvent['type']>(
  type: E,
  body: Omit<Extract<EmbedEvent, { type: E }>, 'type' | 'protocol' | 'version'>,
): EmbedEvent {
  const event: unknown = { protocol: EMBED_PROTOCOL, version: EMBED_API_VERSION, type, ...body }
  return event as EmbedEvent
}
