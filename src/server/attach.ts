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
    if (url.pathname !== '/attach' || url.searchParams.get('token') !== token) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      attachViewer(served, ws)
    })
  })
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, host, () => {
      resolve({
        port: (http.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            for (const client of wss.clients) client.terminate()
            http.closeAllConnections()
            http.close(() => {
              done()
            })
          }),
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
