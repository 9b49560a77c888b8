import type { SendOptions } from '../network/types'
import type { ActorContext } from './actor'
import type { ApiClientState } from './api-client'
import type { HttpRequest, MessageBody } from './messages'

// client-go retries a response that carries Retry-After (429, or a 5xx with it) after that many
// seconds, up to maxRetries = 10 times, then returns the last error: Request.maxRetries
// defaults to 10 (rest/request.go NewRequest), checkWait / retryAfterSeconds decide
// (rest/request.go, rest/with_retry.go IsNextRetry), client-go v1.32. kubectl uses this
// Request, so it prints the error only when the retries are spent.
export const MAX_RETRIES = 10

/** What a call needs to be sent again as it was. */
export interface RetryableCall {
  request: HttpRequest
  options: SendOptions
  retries: number
}

/**
 * Called for every message an actor receives: a 429 (or 5xx) with Retry-After to a client-go
 * call that has retries left is not delivered; the same request goes out again after the delay.
 * Returns true when the response was taken.
 */
export function maybeRetryAfter(ctx: ActorContext, actor: object, body: MessageBody): boolean {
  if (body.type !== 'http-response' || body.retryAfterSeconds === undefined) return false
  if (body.code !== 429 && (body.code < 500 || body.code > 599)) return false
  const client = (actor as { client?: ApiClientState }).client
  const pending = client?.pending.get(body.requestId)
  const retry = pending?.retry
  if (!client || !retry || retry.retries >= MAX_RETRIES) return false
  retry.retries++
  ctx.send(client.server, retry.request, {
    ...retry.options,
    label: `${retry.options.label} (retry ${String(retry.retries)} after ${String(body.retryAfterSeconds)}s)`,
    extraDelayMs: body.retryAfterSeconds * 1000,
  })
  return true
}
