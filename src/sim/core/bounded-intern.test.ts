import { describe, expect, it } from 'vitest'
import { boundedIntern } from './bounded-intern'
import { hostCaches } from './host-caches'

describe('bounded intern tables', () => {
  it('answers the first value given for a key, starts again when full, and is named for the memory bench', () => {
    const intern = boundedIntern<string[]>(2, 'test: a two-key table')
    const first = ['a']
    expect(intern('a', first)).toBe(first)
    expect(intern('a', ['a'])).toBe(first)
    intern('b', ['b'])
    const table = hostCaches().get('test: a two-key table') as Map<string, string[]>
    expect([...table.keys()]).toEqual(['a', 'b'])
    // A third key finds the table full: it starts again, and `a` is forgotten.
    intern('c', ['c'])
    expect([...table.keys()]).toEqual(['c'])
    const again = ['a']
    expect(intern('a', again)).toBe(again)
  })
})
