import type { HostEndpoint } from './sim-client'

/** Close codes of the served simulation's viewer socket (src/server/attach.ts). */
const CLOSE_UNAUTHORIZED = 4401
const CLOSE_GOING_AWAY = 1001

/** What the page attached to: the socket's URL, and host:port as the badge names it. */
export interface AttachTarget {
  url: string
  label: string
}

/** Why an attached page lost (or never had) its simulation, in words for the class. */
export function closeReason(target: AttachTarget, opened: boolean, event: CloseEvent): string {
  if (event.code === CLOSE_UNAUTHORIZED)
    return `The served simulation at ${target.label} refused this link (${event.reason || 'wrong token'}). Open the link npm run serve printed when it started: a restarted server has a new token.`
  if (!opened)
    return `Could not attach to ${target.label}: nothing answers there. Is npm run serve still running? It prints the link to open.`
  if (event.code === CLOSE_GOING_AWAY)
    return `The served simulation at ${target.label} stopped (${event.reason || 'the server went away'}). The map shows its last state.`
  return `The connection to the served simulation at ${target.label} was lost (code ${String(event.code)}). The map shows its last state.`
}

/**
 * The worker protocol over a WebSocket to `npm run serve` (src/server/attach.ts): the same
 * messages, as JSON text. Messages sent before the socket opens wait for it. A socket that
 * closes reports an `error` event with the reason in words; SimClient does not restart a remote
 * host (the served simulation is not the page's to replay).
 */
export function spawnWebSocket(target: AttachTarget): HostEndpoint {
  const socket = new WebSocket(target.url)
  const queued: string[] = []
  let opened = false
  let ended = false
  const endpoint: HostEndpoint = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (message: unknown) => {
      const text = JSON.stringify(message)
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else if (socket.readyState === WebSocket.CONNECTING) queued.push(text)
    },
    terminate: () => {
      ended = true
      socket.close()
    },
  }
  socket.addEventListener('open', () => {
    opened = true
    for (const text of queued.splice(0)) socket.send(text)
  })
  socket.addEventListener('message', (event: MessageEvent) => {
    let data: unknown
    try {
      data = JSON.parse(String(event.data))
    } catch {
      endpoint.onmessageerror?.(new MessageEvent('messageerror'))
      return
    }
    endpoint.onmessage?.(new MessageEvent('message', { data }))
  })
  socket.addEventListener('close', (event) => {
    if (ended) return
    ended = true
    endpoint.onerror?.(new ErrorEvent('error', { message: closeReason(target, opened, event) }))
  })
  return endpoint
}
