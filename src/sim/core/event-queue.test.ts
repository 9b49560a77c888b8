import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEventQueue, popEvent, pushEvent } from './event-queue'

describe('event queue', () => {
  it('pops in (time, insertion) order for any pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const queue = createEventQueue<number>()
        times.forEach((at, index) => pushEvent(queue, at, index))
        const popped: [number, number][] = []
        for (let entry = popEvent(queue); entry; entry = popEvent(queue)) {
          popped.push([entry.atMs, entry.item])
        }
        const expected = times.map((at, index): [number, number] => [at, index])
        expected.sort((x, y) => x[0] - y[0] || x[1] - y[1])
        expect(popped).toEqual(expected)
      }),
    )
  })
})
