import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { podState } from './pod-state'

describe('podState', () => {
  it('is the plain record of its values, frozen, one value for equal ones', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('node-1', 'node-2', 'a-b', ''), fc.boolean(), fc.boolean()),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        (calls) => {
          const got = calls.map(([node, assumed, finished]) => podState(node, assumed, finished))
          calls.forEach(([nodeName, assumed, bindingFinished], i) => {
            expect(got[i]).toEqual({ nodeName, assumed, bindingFinished })
            expect(Object.isFrozen(got[i])).toBe(true)
            // Equal values: the same object; different ones never are.
            calls.forEach((other, j) => {
              const equal = other.every((v, k) => v === calls[i]?.[k])
              expect(got[i] === got[j]).toBe(equal)
            })
          })
        },
      ),
    )
  })
})
