import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { PROTOCOL_VERSION, type ToWorker } from '../protocol/messages'
import type { ServedSimulation } from './served-simulation'

export interface ViewerServer {
  port: number
  close(): Promise<void>
}

// A viewer that cannot keep up (frames queued in its socket) is dropped rather than buffered.
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024
// Messages from viewers are small commands (dispatch a kubectl line, play, pause).
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** Close codes the app reads (client/websocket-endpoint.ts): 4000–4999 are the application's. */
export const CLOSE_UNAUTHORIZED = 4401
const CLOSE_GOING_AWAY = 1001
// How long viewers get to receive the closing handshake before the server cuts them off.
const GOODBYE_MS = 200

/**
 * The app attaches to the served simulation over a WebSocket that carries the worker protocol
 * (src/protocol/messages.ts) as JSON text: frames to the viewer, commands from it. Plain HTTP on
 * loopback (a browser would not trust the cluster CA), so it asks for the token printed at start.
 */
export function startViewerServer(
  served: ServedSimulation,
  host: string,
  port: number,
  token: string,
): Promise<ViewerServer> {
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' })
    res.end(
      'This port serves the simulation to the app over a WebSocket: open the app with ?attach=<this URL>.\n',
    )
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refused =
      url.pathname !== '/attach'
        ? 'not the attach path'
        : url.searchParams.get('token') !== token
          ? 'wrong token'
          : undefined
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A browser never sees a refused handshake's status, only "closed": so the socket opens and
      // closes at once with a code that says why, and carries nothing of the simulation.
      if (refused !== undefined) ws.close(CLOSE_UNAUTHORIZED, refused)
      else attachViewer(served, ws)
    })
  })
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, host, () => {
      resolve({
        port: (http.address() as AddressInfo).port,
        close: async () => {
          // Say goodbye (the app tells "the server stopped" from "cannot reach it"), then cut.
          for (const client of wss.clients) client.close(CLOSE_GOING_AWAY, 'npm run serve stopped')
          await new Promise((wait) => setTimeout(wait, GOODBYE_MS))
          for (const client of wss.clients) client.terminate()
          http.closeAllConnections()
          await new Promise<void>((done) => {
            http.close(() => {
              done()
            })
          })
        },
      })
    })
  })
}

function attachViewer(served: ServedSimulation, ws: WebSocket): void {
  const viewer = (message: unknown) => {
    if (ws.readyState !== ws.OPEN) return
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate()
      return
    }
    ws.send(JSON.stringify(message))
  }
  ws.on('message', (data) => {
    let message: ToWorker
    try {
      const text = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(new Uint8Array(data))
      message = JSON.parse(text.toString('utf8')) as ToWorker
    } catch {
      ws.close(1003, 'not JSON')
      return
    }
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      viewer({
        type: 'error',
        message: `protocol version mismatch: the server speaks ${PROTOCOL_VERSION}, the page sent ${String(message.protocolVersion)}; reload the page`,
        fatal: true,
        protocolVersion: PROTOCOL_VERSION,
      })
      return
    }
    served.fromViewer(viewer, message)
  })
  const detach = served.attach(viewer)
  ws.on('close', detach)
  ws.on('error', detach)
}
