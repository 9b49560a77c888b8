import { describe, expect, it } from 'vitest'
import type { Frame } from '../protocol/messages'
import type { ObjectRecord } from '../protocol/records'
import { CarriedDelta, fitFrame, jsonBytes } from './frame-budget'

const BUDGET = 8 * 1024

const pod = (i: number, version = 0): ObjectRecord => ({
  kind: 'Pod',
  key: `/registry/pods/default/web-${String(i)}`,
  uid: `uid-${String(i)}`,
  name: `web-${String(i)}`,
  namespace: 'default',
  node: 'node-1',
  phase: 'Running',
  status: 'Running',
  ready: '1/1',
  restarts: version,
  ip: '10.0.0.1',
  createdMs: 0,
  owner: 'web',
})

function frameWith(narrationLines: number, messages: number): Frame {
  return {
    seq: 1,
    simTimeMs: 0,
    horizonMs: 0,
    traceLength: 0,
    playing: true,
    speed: 64,
    followMessages: false,
    effectiveRate: 64,
    delta: { upserted: [], removed: [] },
    messages: Array.from({ length: messages }, (_, id) => ({
      id,
      from: 'kube-apiserver',
      to: 'etcd-1',
      label: 'PUT /registry/pods/default/web',
      sentAtMs: 0,
      deliverAtMs: 1,
    })),
    narration: Array.from({ length: narrationLines }, (_, seq) => ({
      seq,
      atMs: 0,
      actor: 'kubelet',
      text: `Started container web in Pod web-${String(seq)}`,
    })),
    kubectl: [],
    droppedEvents: 0,
  }
}

/** Fits frames until nothing is carried; returns them. */
function drain(carried: CarriedDelta, first: Frame): Frame[] {
  const frames: Frame[] = []
  let frame = first
  for (let guard = 0; guard < 100; guard++) {
    fitFrame(frame, { records: (f, bytes) => takeInto(carried, f, bytes) }, BUDGET)
    frames.push(frame)
    if (carried.size === 0) break
    frame = frameWith(0, 0)
  }
  return frames
}

function takeInto(carried: CarriedDelta, frame: Frame, bytes: number): number {
  const taken = carried.take(bytes)
  frame.delta = taken.delta
  return taken.bytes
}

describe('fitFrame', () => {
  it('keeps the whole frame, lists and records, within the budget and carries the records over', () => {
    const carried = new CarriedDelta()
    carried.add({ upserted: Array.from({ length: 200 }, (_, i) => pod(i)), removed: [] })
    const frames = drain(carried, frameWith(300, 300))
    for (const f of frames) expect(jsonBytes(f)).toBeLessThanOrEqual(BUDGET)
    // Every record arrives once, in the order it waited.
    const sent = frames.flatMap((f) => f.delta.upserted.map((r) => r.key))
    expect(sent).toEqual(Array.from({ length: 200 }, (_, i) => pod(i).key))
    // The trace's lists keep their newest entries and count the rest as dropped.
    const first = frames[0]
    expect(first?.narration.at(-1)?.seq).toBe(299)
    expect(first?.messages.at(-1)?.id).toBe(299)
    expect(first?.droppedEvents).toBe(
      600 - (first?.narration.length ?? 0) - (first?.messages.length ?? 0),
    )
    expect(first?.narration.length).toBeGreaterThan(0)
  })

  it('sends the newest state of a carried record, and a removal instead of a carried update', () => {
    const carried = new CarriedDelta()
    carried.add({ upserted: Array.from({ length: 100 }, (_, i) => pod(i)), removed: [] })
    const frame = frameWith(0, 0)
    fitFrame(frame, { records: (f, bytes) => takeInto(carried, f, bytes) }, BUDGET)
    carried.add({ upserted: [pod(99, 7)], removed: [pod(98).key] })
    const rest = drain(carried, frameWith(0, 0))
    const later = rest.flatMap((f) => f.delta.upserted)
    expect(later.filter((r) => r.key === pod(99).key)).toEqual([pod(99, 7)])
    expect(later.some((r) => r.key === pod(98).key)).toBe(false)
    expect(rest[0]?.delta.removed).toEqual([pod(98).key])
  })

  it('sends everything in a reset frame', () => {
    const carried = new CarriedDelta()
    carried.add({ upserted: Array.from({ length: 200 }, (_, i) => pod(i)), removed: [] })
    const frame: Frame = { ...frameWith(300, 300), reset: { objects: [], components: [] } }
    fitFrame(frame, { records: (f, bytes) => takeInto(carried, f, bytes) }, BUDGET)
    expect(frame.narration).toHaveLength(300)
    expect(frame.delta.upserted).toHaveLength(200)
  })
})
