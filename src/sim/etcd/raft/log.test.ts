import { describe, expect, it } from 'vitest'
import {
  appendEntries,
  compactLog,
  createLog,
  findConflict,
  findConflictByTerm,
  isUpToDate,
  lastIndex,
  maybeAppend,
  termAt,
} from './log'
import { entriesOfTerms, entry } from './testing/builders'
import { asIndex, asTerm } from './types'

const EMPTY_SNAPSHOT = {
  metadata: { index: asIndex(0), term: asTerm(0), confState: { voters: [] } },
  data: null,
}

function logOf(terms: number[]) {
  return createLog(EMPTY_SNAPSHOT, entriesOfTerms(terms))
}

describe('raftLog (log.go)', () => {
  // log terms [1,2,2,5,5,5]; (index, term) -> the largest index <= index with term <= term
  it.each<[number, number, number]>([
    [6, 5, 6], // term matches at once
    [6, 4, 3], // skip the term-5 run
    [6, 2, 3],
    [6, 1, 1],
    [6, 0, 0],
    [10, 3, 10], // beyond the last index: unchanged
  ])('findConflictByTerm(%i, %i) = %i', (index, term, want) => {
    expect(findConflictByTerm(logOf([1, 2, 2, 5, 5, 5]), index, term)).toBe(want)
  })

  // existing [1,2,3] terms at 1..3; incoming entries -> first conflicting index (0 = none)
  it.each<[[number, number][], number]>([
    [[], 0],
    [
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      0,
    ],
    [
      [
        [2, 2],
        [3, 3],
        [4, 4],
      ],
      4,
    ], // new entries beyond: conflict = first new index
    [
      [
        [2, 4],
        [3, 4],
      ],
      2,
    ],
    [[[3, 4]], 3],
  ])('findConflict(%j) = %i', (ents, want) => {
    const log = logOf([1, 2, 3])
    expect(
      findConflict(
        log,
        ents.map(([i, t]) => entry(i, t)),
      ),
    ).toBe(want)
  })

  it('isUpToDate compares last term, then length', () => {
    const log = logOf([1, 2, 3])
    expect(isUpToDate(log, 3, 3)).toBe(true)
    expect(isUpToDate(log, 2, 3)).toBe(false)
    expect(isUpToDate(log, 1, 4)).toBe(true)
    expect(isUpToDate(log, 9, 2)).toBe(false)
  })

  it('maybeAppend keeps a matching prefix, truncates at the first conflict, and commits', () => {
    const log = logOf([1, 1, 2, 2])
    expect(maybeAppend(log, 2, 1, 3, [entry(3, 3), entry(4, 3)])).toBe(4)
    expect(log.entries.map((e) => e.term)).toEqual([1, 1, 3, 3])
    expect(log.committed).toBe(3)
    expect(maybeAppend(log, 4, 2, 4, [])).toBeUndefined()
  })

  it('refuses to truncate committed entries', () => {
    const log = logOf([1, 1])
    log.committed = asIndex(2)
    expect(() => appendEntries(log, [entry(2, 5)])).toThrow(/out of range/)
  })

  it('compaction keeps the term of the compaction point and the entries after it', () => {
    const log = logOf([1, 1, 2, 2, 3])
    log.committed = asIndex(4)
    log.applied = asIndex(4)
    compactLog(log, 3)
    expect(log.offset).toBe(3)
    expect(termAt(log, 3)).toBe(2)
    expect(termAt(log, 2)).toBeUndefined()
    expect(lastIndex(log)).toBe(5)
  })
})
