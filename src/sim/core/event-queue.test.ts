import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createEventQueue,
  peekEvent,
  peekEventAtMs,
  popEvent,
  pushEvent,
  queueLength,
} from './event-queue'

interface Item {
  atMs: number
  seq: number
  index: number
}

const item = (index: number): Item => ({ atMs: 0, seq: 0, index })

describe('event queue', () => {
  it('pops in (time, insertion) order for any pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const queue = createEventQueue<Item>()
        times.forEach((at, index) => pushEvent(queue, at, item(index)))
        const popped: [number, number][] = []
        for (let entry = popEvent(queue); entry; entry = popEvent(queue)) {
          popped.push([entry.atMs, entry.index])
        }
        const expected = times.map((at, index): [number, number] => [at, index])
        expected.sort((x, y) => x[0] - y[0] || x[1] - y[1])
        expect(popped).toEqual(expected)
      }),
    )
  })

  it('keeps the order when pushes and pops interleave, stamping each item with its time and seq', () => {
    // Each step either pushes an item due `delay` after the last popped time, or pops one; a
    // sorted list is the oracle.
    const step = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('pop' as const))
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const queue = createEventQueue<Item>()
        const oracle: Item[] = []
        const popped: (Item | undefined)[] = []
        const expected: (Item | undefined)[] = []
        const stamps: [number, number][] = []
        const pushedAt: [number, number][] = []
        let now = 0
        steps.forEach((s, index) => {
          if (s === 'pop') {
            const got = popEvent(queue)
            oracle.sort((x, y) => x.atMs - y.atMs || x.seq - y.seq)
            popped.push(got)
            expected.push(oracle.shift())
            now = got?.atMs ?? now
            return
          }
          const pushed = item(index)
          const seq = pushEvent(queue, now + s, pushed)
          stamps.push([pushed.atMs, pushed.seq])
          pushedAt.push([now + s, seq])
          oracle.push(pushed)
        })
        expect(popped).toEqual(expected)
        expect(stamps).toEqual(pushedAt)
        oracle.sort((x, y) => x.atMs - y.atMs || x.seq - y.seq)
        expect(peekEvent(queue)).toBe(oracle[0])
        expect(queueLength(queue)).toBe(oracle.length)
        expect(peekEventAtMs(queue)).toBe(oracle[0]?.atMs)
      }),
    )
  })

  it('continues the same from a structuredClone (a checkpoint) and keeps unused key slots zero', () => {
    // Steps as above; at `cut` the queue is cloned, and the clone and the original then take
    // the same remaining steps: they pop the same items, and once both are empty (every item
    // popped) their keys are all zero, whatever they held and however far they grew.
    const step = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('pop' as const))
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), fc.nat(300), (steps, cut) => {
        const queue = createEventQueue<Item>()
        let copy: typeof queue | undefined
        const fromOriginal: number[] = []
        const fromCopy: number[] = []
        const run = (q: typeof queue, s: (typeof steps)[number], index: number, out: number[]) => {
          if (s === 'pop') out.push(popEvent(q)?.index ?? -1)
          else pushEvent(q, (peekEventAtMs(q) ?? 0) + s, item(index))
        }
        steps.forEach((s, index) => {
          if (index === cut) copy = structuredClone(queue)
          run(queue, s, index, fromOriginal)
          if (copy) run(copy, s, index, fromCopy)
        })
        expect(fromCopy).toEqual(fromOriginal.slice(fromOriginal.length - fromCopy.length))
        for (const q of copy ? [queue, copy] : [queue]) {
          while (popEvent(q));
          expect(queueLength(q)).toBe(0)
          expect(q.keys.every((k) => k === 0)).toBe(true)
        }
        expect(peekEventAtMs(queue)).toBeUndefined()
      }),
    )
  })
})
