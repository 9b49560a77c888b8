import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request, type RequestOptions } from 'node:https'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './serve'

// The served endpoint survives what a hostile or broken client sends: no certificate, plain
// HTTP on the TLS port, bytes that are neither, malformed JSON, a huge body, a client that
// stalls. Each gets kube-apiserver's answer and the server keeps serving the next request.
let server: RunningServer
let dir: string
let port: number
let tls: { ca: string; cert: string; key: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcv-hardening-'))
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    viewerPort: 0,
    dir,
    sim: { seed: 3, nodes: 1, etcdMembers: 1 },
    speed: 4,
    followMessages: false,
    bootMs: 3_000,
  })
  port = Number(new URL(server.url).port)
  const pki = join(dir, 'pki')
  const read = (name: string) => readFileSync(join(pki, name), 'utf8')
  tls = { ca: read('ca.crt'), cert: read('admin.crt'), key: read('admin.key') }
}, 60_000)

afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Answer {
  code: number
  body: string
}

function call(
  path: string,
  options: RequestOptions & { body?: string | Buffer; clientCert?: boolean } = {},
): Promise<Answer> {
  const { body, clientCert = true, ...rest } = options
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: tls.ca,
        ...(clientCert ? { cert: tls.cert, key: tls.key } : {}),
        ...rest,
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Raw bytes to the API port; resolves with what came back before the server closed it. */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk) => (text += chunk.toString('latin1')))
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
    socket.write(bytes)
  })
}

const stillServing = async () => {
  const ready = await call('/readyz')
  expect(ready).toEqual({ code: 200, body: 'ok' })
}

describe('the served API under garbage', { timeout: 60_000 }, () => {
  it('refuses to listen anywhere but loopback', async () => {
    await expect(
      startServer({
        host: '0.0.0.0',
        port: 0,
        viewerPort: 0,
        dir,
        sim: { seed: 1, nodes: 1, etcdMembers: 1 },
        speed: 1,
        followMessages: false,
        bootMs: 0,
      }),
    ).rejects.toThrow(
      'refusing to listen on 0.0.0.0: the served simulation listens on loopback only',
    )
  })

  it('answers a request without the client certificate with 401 Unauthorized', async () => {
    const answer = await call('/api/v1/namespaces/default/pods', { clientCert: false })
    expect(answer.code).toBe(401)
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    })
    await stillServing()
  })

  it('answers plain HTTP on the TLS port as Go does, and drops bytes that are neither', async () => {
    expect(await raw('GET /api HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(
      'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n',
    )
    expect(await raw(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]))).toBe('')
    // A TLS record header followed by garbage: the handshake fails with a fatal alert record
    // (content type 21, level 2), then the connection closes.
    const alert = Buffer.from(
      await raw(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])),
      'latin1',
    )
    expect([alert[0], alert[5]]).toEqual([0x15, 2])
    await stillServing()
  })

  it('answers malformed JSON with a 400 Status, and stores nothing', async () => {
    const answer = await call('/api/v1/namespaces/default/pods', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "half"',
    })
    expect(answer.code).toBe(400)
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message:
        'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion": "v1", "kind": " ...)',
    })
    const list = await call('/api/v1/namespaces/default/pods')
    expect((JSON.parse(list.body) as { items: unknown[] }).items).toEqual([])
  })

  it('answers a body over 3 MiB with 413 before reading it all', async () => {
    const answer = await call('/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(3 * 1024 * 1024 + 1, 0x20),
    })
    expect(answer.code).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: limit is 3145728',
    })
    await stillServing()
  })

  it('keeps serving others while a client stalls half-way through its headers', async () => {
    const stalled = connect(port, '127.0.0.1')
    stalled.on('error', () => undefined)
    stalled.write('GET /api HTTP/1.1\r\nHo')
    await stillServing()
    const answer = await call('/version')
    expect(JSON.parse(answer.body)).toMatchObject({ gitVersion: 'v1.32.0' })
    stalled.destroy()
  })
})
