import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { HttpResponse } from '../runtime/messages'
import { TABLE_ACCEPT } from './commands'
import type { KubectlState } from './state'

/** How a stampede went: lists sent, answered, and the answers that were errors after retries. */
export interface StampedeTally {
  sent: number
  answered: number
  failed: number
}

/**
 * `requests` copies of `kubectl get pods -A` started at the same instant from the student's
 * machine (a script in a loop, a dashboard on many screens): one LIST each, ?limit=chunkSize
 * (kubectl's 500 by default, 0 for none), every one retried after a 429 as client-go does.
 */
export function startStampede(
  ctx: ActorContext,
  state: KubectlState,
  requests: number,
  chunkSize: number,
  resourceVersion?: string,
): void {
  const tally = (state.stampede ??= { sent: 0, answered: 0, failed: 0 })
  const query = {
    ...(chunkSize > 0 ? { limit: String(chunkSize) } : {}),
    ...(resourceVersion !== undefined ? { resourceVersion } : {}),
  }
  for (let i = 0; i < requests; i++) {
    tally.sent++
    callApi(
      ctx,
      state.client,
      { method: 'GET', path: '/api/v1/pods', query, accept: TABLE_ACCEPT, step: 1 },
      { purpose: 'stampede' },
    )
  }
}

export function onStampedeResponse(state: KubectlState, response: HttpResponse): void {
  const tally = (state.stampede ??= { sent: 0, answered: 0, failed: 0 })
  tally.answered++
  if (response.code !== 200) tally.failed++
}
