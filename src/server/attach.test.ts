import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { PROTOCOL_VERSION, toWorker, type FromWorker } from '../protocol/messages'
import { CLOSE_UNAUTHORIZED, startViewerServer, type ViewerServer } from './attach'
import { ServedSimulation } from './served-simulation'

// The app's end of `npm run serve` (src/server/attach.ts), spoken to as the app speaks: the
// worker protocol as JSON text over a WebSocket, with the token the server printed.
const TOKEN = 'test-token'
let served: ServedSimulation
let viewers: ViewerServer

beforeAll(async () => {
  served = new ServedSimulation({
    sim: { seed: 3, nodes: 2, etcdMembers: 3 },
    bootMs: 3_000,
    speed: 1,
    followMessages: false,
  })
  viewers = await startViewerServer(served, '127.0.0.1', 0, TOKEN)
}, 60_000)

afterAll(async () => {
  served.stop()
  await viewers.close()
})

interface Session {
  socket: WebSocket
  received: FromWorker[]
  closed: Promise<{ code: number; reason: string }>
  next(match: (m: FromWorker) => boolean): Promise<FromWorker>
}

function connect(token = TOKEN, path = '/attach'): Session {
  const socket = new WebSocket(`ws://127.0.0.1:${String(viewers.port)}${path}?token=${token}`)
  const received: FromWorker[] = []
  const waiters: { match: (m: FromWorker) => boolean; done: (m: FromWorker) => void }[] = []
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as FromWorker
    received.push(message)
    for (const w of waiters.splice(0)) {
      if (w.match(message)) w.done(message)
      else waiters.push(w)
    }
  })
  const closed = new Promise<{ code: number; reason: string }>((done) => {
    socket.on('close', (code, reason) => {
      done({ code, reason: reason.toString('utf8') })
    })
  })
  const next = (match: (m: FromWorker) => boolean) =>
    new Promise<FromWorker>((done) => {
      const seen = received.find(match)
      if (seen) done(seen)
      else waiters.push({ match, done })
    })
  return { socket, received, closed, next }
}

const opened = (s: Session) =>
  new Promise<void>((done) => {
    if (s.socket.readyState === WebSocket.OPEN) done()
    else s.socket.once('open', () => done())
  })

describe('attaching the app to the served simulation', { timeout: 30_000 }, () => {
  it('closes a socket with the wrong token at once, with a code the app reads, and sends nothing', async () => {
    const session = connect('not-the-token')
    expect(await session.closed).toEqual({ code: CLOSE_UNAUTHORIZED, reason: 'wrong token' })
    expect(session.received).toEqual([])
    const elsewhere = connect(TOKEN, '/other')
    expect((await elsewhere.closed).code).toBe(CLOSE_UNAUTHORIZED)
  })

  it('sends the whole state at once (a reset frame) to a viewer with the token', async () => {
    const session = connect()
    const first = await session.next((m) => m.type === 'frame' && m.frame.reset !== undefined)
    if (first.type !== 'frame') throw new Error('not a frame')
    expect(first.protocolVersion).toBe(PROTOCOL_VERSION)
    expect(first.frame.simTimeMs).toBeGreaterThanOrEqual(3_000)
    expect(first.frame.reset?.components.map((c) => c.id)).toContain('kube-apiserver')
    session.socket.close()
  })

  it('runs a viewer’s kubectl command in the served simulation, for every viewer', async () => {
    const one = connect()
    const two = connect()
    await Promise.all([opened(one), opened(two)])
    one.socket.send(
      JSON.stringify(
        toWorker({
          type: 'dispatch',
          action: { type: 'runKubectl', commandId: 'v-1', command: 'get nodes' },
        }),
      ),
    )
    const output = (m: FromWorker) =>
      m.type === 'frame' && m.frame.kubectl.some((k) => k.commandId === 'v-1')
    const seen = await two.next(output)
    if (seen.type !== 'frame') throw new Error('not a frame')
    expect(seen.frame.kubectl.find((k) => k.commandId === 'v-1')?.output).toContain('node-1')
    one.socket.close()
    two.socket.close()
  })

  it('refuses what would replace the served simulation (a lesson, mirroring) or rewind it', async () => {
    const session = connect()
    await opened(session)
    session.socket.send(JSON.stringify(toWorker({ type: 'lessonOpen', lessonId: 'etcd', step: 0 })))
    const refused = await session.next((m) => m.type === 'error')
    expect(refused).toMatchObject({ type: 'error', fatal: false })
    expect(refused.type === 'error' && refused.message).toContain('lessons and mirroring')
    session.socket.send(JSON.stringify(toWorker({ type: 'seek', timeMs: 0 })))
    const rewind = await session.next(
      (m) => m.type === 'error' && m.message.includes('back in time'),
    )
    expect(rewind).toMatchObject({ fatal: false })
    expect(served.sim.nowMs).toBeGreaterThan(3_000)
    session.socket.close()
  })

  it('answers a page of another protocol version with a fatal error naming its own', async () => {
    const session = connect()
    await opened(session)
    session.socket.send(JSON.stringify({ type: 'play', protocolVersion: PROTOCOL_VERSION + 1 }))
    const error = await session.next((m) => m.type === 'error')
    expect(error).toMatchObject({ fatal: true, protocolVersion: PROTOCOL_VERSION })
    session.socket.close()
  })

  it('says goodbye (1001) to its viewers when it stops', async () => {
    const other = new ServedSimulation({
      sim: { seed: 1, nodes: 1, etcdMembers: 1 },
      bootMs: 1_000,
      speed: 1,
      followMessages: false,
    })
    const server = await startViewerServer(other, '127.0.0.1', 0, TOKEN)
    const socket = new WebSocket(`ws://127.0.0.1:${String(server.port)}/attach?token=${TOKEN}`)
    await new Promise((done) => socket.once('open', done))
    const closed = new Promise<number>((done) => socket.once('close', done))
    other.stop()
    await server.close()
    expect(await closed).toBe(1001)
  })
})
