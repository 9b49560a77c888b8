import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import type { Pki } from './pki'

// Go's net/http answer to plain HTTP on a TLS port (server.go, tls.RecordHeaderError branch).
const PLAIN_HTTP_ON_TLS =
  'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n'
// A TLS record starts with 0x16 (handshake).
const TLS_HANDSHAKE = 0x16
// Slow clients: headers must arrive within 10 s and a whole request within 60 s (kube-apiserver's
// own read timeouts are similar: --request-timeout 60 s); idle keep-alive connections close at 65 s.
const HEADERS_TIMEOUT_MS = 10_000
const REQUEST_TIMEOUT_MS = 60_000
const KEEP_ALIVE_TIMEOUT_MS = 65_000

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface Listening {
  server: Server
  https: HttpsServer
  port: number
  close(): Promise<void>
}

/**
 * An HTTPS server on loopback that requests (but does not require) a client certificate signed
 * by the cluster CA, behind a listener that answers plain HTTP with Go's 400 instead of a TLS
 * alert, and drops anything else that is not TLS.
 */
export function listenTls(
  pki: Pki,
  host: string,
  port: number,
  handler: Handler,
): Promise<Listening> {
  const https = createHttpsServer(
    {
      key: pki.serverKey,
      cert: pki.serverCert,
      ca: pki.caCert,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    handler,
  )
  https.headersTimeout = HEADERS_TIMEOUT_MS
  https.requestTimeout = REQUEST_TIMEOUT_MS
  https.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
  https.on('tlsClientError', (_error, socket) => {
    socket.destroy()
  })
  https.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  const sockets = new Set<Socket>()
  const front = createNetServer((socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {
      socket.destroy()
    })
    socket.setTimeout(HEADERS_TIMEOUT_MS, () => socket.destroy())
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0)
      socket.pause()
      socket.unshift(chunk)
      if (chunk[0] === TLS_HANDSHAKE) https.emit('connection', socket)
      else if (/^[A-Z]+ /.test(chunk.subarray(0, 8).toString('latin1')))
        socket.end(PLAIN_HTTP_ON_TLS)
      else socket.destroy()
    })
  })
  return new Promise((resolve, reject) => {
    front.once('error', reject)
    front.listen(port, host, () => {
      front.off('error', reject)
      resolve({
        server: front,
        https,
        port: (front.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy()
            front.close(() => {
              done()
            })
          }),
      })
    })
  })
}
