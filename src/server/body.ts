import type { IncomingMessage } from 'node:http'
import { MAX_REQUEST_BODY_BYTES } from '../sim/index'

export type BodyResult = { ok: true; text: string; bytes: Buffer } | { ok: false; tooLarge: true }

// What is still read (and thrown away) of a body over the limit, so that the client, still
// writing, reads the 413 instead of a broken pipe. Past this, the connection is cut.
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024

/**
 * Reads a request body up to kube-apiserver's limit (limitedReadBody reads limit+1 bytes and
 * stops: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go, v1.32). Past the limit it
 * keeps nothing: the 413 is answered at once and the rest of the body is drained unread, as Go's
 * net/http server drains an unread body before it closes the connection; a client that sends
 * more than 64 MiB more is disconnected.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const tooLarge = () => {
      done = true
      chunks.length = 0
      resolve({ ok: false, tooLarge: true })
    }
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > MAX_REQUEST_BODY_BYTES) tooLarge()
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (done) {
        if (size > MAX_REQUEST_BODY_BYTES + MAX_DISCARDED_BYTES) req.socket.destroy()
        return
      }
      if (size > MAX_REQUEST_BODY_BYTES) return tooLarge()
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (done) return
      done = true
      const bytes = Buffer.concat(chunks)
      resolve({ ok: true, text: bytes.toString('utf8'), bytes })
    })
    req.on('error', (error) => {
      if (done) return
      done = true
      reject(error)
    })
  })
}
