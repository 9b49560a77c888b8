import { describe, expect, it } from 'vitest'
import { toWorker, type Frame, type FromWorker } from '../protocol/messages'
import { SimHost } from './host'
import { lastFrame, makeHost } from './testing/fake-host'

const SCALE_LOAD = {
  type: 'load',
  options: { seed: 3, nodes: 8 },
  bootMs: 3000,
  flowControl: true,
  scale: { pods: 40 },
} as const

/** Plays with the page acknowledging every frame, as the app's client does. */
function playAcked(host: ReturnType<typeof makeHost>, wallMs: number): void {
  for (let t = 0; t < wallMs; t += 16) {
    const last = lastFrame(host.frames())
    host.send({ type: 'ack', seq: last.seq })
    host.runWall(16)
  }
}

describe('scale mode', { timeout: 30_000 }, () => {
  it('streams per-node aggregates, never Pod or Node records, while Deployments fill the cluster', () => {
    const host = makeHost()
    host.send(SCALE_LOAD)
    const reset = lastFrame(host.frames())
    expect(reset.scale?.nodeNames).toHaveLength(8)
    expect(reset.reset?.objects.some((o) => o.kind === 'Pod' || o.kind === 'Node')).toBe(false)
    expect(reset.reset?.components.some((c) => c.host.startsWith('node-'))).toBe(false)
    host.send({ type: 'setSpeed', speed: 64 })
    host.send({ type: 'play' })
    playAcked(host, 1000)
    const frames = host.frames()
    const records = frames.flatMap((f) => f.delta.upserted)
    expect(records.some((r) => r.kind === 'Pod' || r.kind === 'Node' || r.kind === 'Event')).toBe(
      false,
    )
    const totals = lastFrame(frames).scale?.totals
    expect(totals).toMatchObject({ nodes: 8, podsAsked: 40, pods: 40, deployments: 1 })
    // The aggregates add up to the Pods bound to nodes.
    const perNode = new Map<number, number>()
    for (const f of frames)
      f.scale?.changed.index.forEach((index, i) =>
        perNode.set(index, f.scale?.changed.pods[i] ?? 0),
      )
    const bound = [...perNode.values()].reduce((a, b) => a + b, 0)
    expect(bound).toBe((totals?.pods ?? 0) - (totals?.pending ?? 0))
  })

  it('sends the Pods the page shows: a window of the table, and one node', () => {
    const host = makeHost()
    host.send(SCALE_LOAD)
    host.send({ type: 'setSpeed', speed: 64 })
    host.send({ type: 'play' })
    playAcked(host, 1000)
    host.send({
      type: 'scaleView',
      podWindow: { offset: 10, count: 5 },
      node: 'node-2',
      decision: null,
    })
    host.send({ type: 'ack', seq: lastFrame(host.frames()).seq })
    const frame = lastFrame(host.frames())
    expect(frame.scale?.podWindow).toMatchObject({ offset: 10, total: 40 })
    expect(frame.scale?.podWindow?.rows).toHaveLength(5)
    expect(frame.scale?.nodePods?.rows.every((p) => p.node === 'node-2')).toBe(true)
  })

  it('holds frames until the page acknowledges one, and sends none to a hidden page', () => {
    const host = makeHost()
    host.send(SCALE_LOAD)
    host.send({ type: 'setSpeed', speed: 64 })
    host.send({ type: 'play' })
    const count = () => host.frames().length
    const before = count()
    host.runWall(500)
    // The load's frame is not acknowledged: the rest wait (until the 1 s safety timeout).
    expect(count()).toBe(before)
    host.send({ type: 'ack', seq: lastFrame(host.frames()).seq })
    expect(count()).toBe(before + 1)
    host.send({ type: 'visibility', visible: false })
    const hidden = count()
    playAcked(host, 1000)
    expect(count()).toBe(hidden)
    host.send({ type: 'visibility', visible: true })
    expect(count()).toBe(hidden + 1)
    const catchUp: Frame = lastFrame(host.frames())
    expect(catchUp.scale?.totals.pods).toBe(40)
  })

  it('keeps a small run without flow control unchanged: a frame per tick, no scale part', () => {
    const host = makeHost()
    host.send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    host.send({ type: 'play' })
    const before = host.frames().length
    host.runWall(160)
    expect(host.frames().length - before).toBe(10)
    expect(host.frames().every((f) => f.scale === undefined)).toBe(true)
  })
})

describe('scale mode on a slow machine', { timeout: 30_000 }, () => {
  it('stops a tick after a few wall ms: the simulation falls behind, the frames keep coming', () => {
    const posted: FromWorker[] = []
    let wall = 0
    let pending: (() => void) | undefined
    // Every look at the clock costs 1 ms: the work of a tick takes wall time, as in a worker.
    const host = new SimHost(
      { postMessage: (m) => posted.push(m) },
      {
        nowMs: () => ++wall,
        setTimer: (callback) => {
          pending = callback
          return 1
        },
        clearTimer: () => {
          pending = undefined
        },
      },
    )
    host.receive(toWorker(SCALE_LOAD))
    host.receive(toWorker({ type: 'setSpeed', speed: 64 }))
    host.receive(toWorker({ type: 'play' }))
    const frames = () => posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []))
    host.receive(toWorker({ type: 'ack', seq: lastFrame(frames()).seq }))
    host.receive(toWorker({ type: 'ack', seq: lastFrame(frames()).seq }))
    const before = lastFrame(frames()).simTimeMs
    const sent = frames().length
    wall += 100
    const tick = pending
    pending = undefined
    tick?.()
    // 100 wall ms at 64x would be 6.4 virtual s; a tick stops after about 30 ms of work.
    expect(frames().length).toBe(sent + 1)
    const advanced = lastFrame(frames()).simTimeMs - before
    expect(advanced).toBeGreaterThan(0)
    expect(advanced).toBeLessThan(1000)
  })
})
