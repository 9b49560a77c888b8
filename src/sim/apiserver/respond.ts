import type { FlowStep, ObjectRef } from '../network/types'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { ApiError } from './status'

// Reason phrases as net/http StatusText.
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function aboutObject(
  object: KubeObject | undefined,
  fallbackKind?: string,
): ObjectRef | undefined {
  const name = object?.metadata?.name
  if (!name) return undefined
  const ref: ObjectRef = { kind: object.kind ?? fallbackKind ?? '', name }
  if (object.metadata?.namespace) ref.namespace = object.metadata.namespace
  return ref
}

export function reply(
  ctx: ActorContext,
  to: string,
  requestId: number,
  code: number,
  body: unknown,
  options: {
    step?: FlowStep | undefined
    about?: ObjectRef | undefined
    warnings?: string[] | undefined
  } = {},
): void {
  const warnings = options.warnings !== undefined ? { warnings: options.warnings } : {}
  ctx.send(
    to,
    { type: 'http-response', requestId, code, body, ...warnings },
    {
      label: `${code} ${STATUS_TEXT[code] ?? ''}`.trim(),
      step: options.step,
      about: options.about,
    },
  )
}

export function replyError(
  ctx: ActorContext,
  to: string,
  requestId: number,
  error: ApiError,
  options: { step?: FlowStep | undefined; about?: ObjectRef | undefined } = {},
): void {
  reply(ctx, to, requestId, error.code, error.status, options)
}
