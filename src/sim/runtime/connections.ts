import { API_SERVER_URL, transportFailures } from './api-client'
import type { Envelope } from '../network/types'
import { canReach, isHostDown } from '../network/network'
import type { KernelState, TraceSink } from './kernel'
import type { HttpRequest } from './messages'
import { sendMessage } from './send'

/**
 * TCP as the API's clients see it when a process is gone: a connection attempt is refused, and
 * the connections that were open are reset, failing the calls in flight on them.
 */
const API_SERVER_HOST = API_SERVER_URL.replace(/^https:\/\//, '')

export function refuseConnection(
  kernel: KernelState,
  sink: TraceSink,
  request: Envelope<HttpRequest>,
) {
  if (!canReach(kernel.network, request.from, request.to)) return
  sendMessage(
    kernel,
    sink,
    request.to,
    request.from,
    {
      type: 'http-response',
      requestId: request.body.requestId,
      code: 0,
      body: { transport: { error: `dial tcp ${API_SERVER_HOST}: connect: connection refused` } },
    },
    { label: 'TCP RST (connection refused)' },
  )
}

/**
 * The process `id` is gone: its host resets the TCP connections of every client that had a call
 * in flight to it, so they learn at once (their calls fail with EOF; watches end and relist), and
 * of a load balancer that forwards to it. A machine that is powered off resets nothing: its
 * clients learn only from the silence.
 */
export function resetClientConnections(kernel: KernelState, sink: TraceSink, id: string): void {
  const host = kernel.actors[id]?.host
  if (host !== undefined && isHostDown(kernel.network, host)) return
  for (const actor of Object.values(kernel.actors)) {
    if (actor.id === id || !actor.running) continue
    const proxiesTo = (actor as { backends?: string[] }).backends?.includes(id) === true
    if (!proxiesTo && !transportFailures(actor, id, 'EOF')?.length) continue
    sendMessage(
      kernel,
      sink,
      id,
      actor.id,
      { type: 'connection-reset' },
      { label: `TCP RST (${id} exited)` },
    )
  }
}
