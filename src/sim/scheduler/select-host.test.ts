import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createRng } from '../core/rng'
import { nextInt, type RngState } from '../core/rng'
import { numFeasibleNodesToFind, selectHost, type ScoredNode } from './select-host'

/** The straightforward selectHost: a stable sort of every node, then the tied head. */
function sortingSelectHost(scored: readonly ScoredNode[], rng: RngState) {
  const sorted = [...scored].sort((a, b) => b.totalScore - a.totalScore)
  const top = sorted[0] as ScoredNode
  const tied = sorted.filter((s) => s.totalScore === top.totalScore)
  let selectedIndex = 0
  const draws = []
  for (let i = 1; i < tied.length; i++) {
    const draw = nextInt(rng, i + 1)
    if (draw === 0) selectedIndex = i
    draws.push({ node: (tied[i] as ScoredNode).name, count: i + 1, draw, replaced: draw === 0 })
  }
  const selected = tied[selectedIndex] as ScoredNode
  const highest = [selected, ...sorted.filter((s) => s !== selected)].slice(0, 3)
  return { selected: selected.name, tiedNodes: tied.map((t) => t.name), draws, highest }
}

describe('numFeasibleNodesToFind (schedule_one_test.go TestNumFeasibleNodesToFind)', () => {
  const cases = [
    // below minFeasibleNodesToFind (100): every node
    { nodes: 50, pct: undefined, want: 50 },
    // 100 nodes: adaptive 50 - 100/125 = 50% → 50, raised to the minimum 100
    { nodes: 100, pct: undefined, want: 100 },
    // 1000 nodes: 50 - 1000/125 = 42% → 420
    { nodes: 1000, pct: undefined, want: 420 },
    // 5000 nodes: 50 - 5000/125 = 10% → 500
    { nodes: 5000, pct: undefined, want: 500 },
    // 6000 nodes: 50 - 48 = 2% → raised to 5% → 300
    { nodes: 6000, pct: undefined, want: 300 },
    // explicit 40% of 1000 → 400
    { nodes: 1000, pct: 40, want: 400 },
    // explicit 10% of 500 = 50 → raised to 100
    { nodes: 500, pct: 10, want: 100 },
    // 100% → all
    { nodes: 5000, pct: 100, want: 5000 },
  ]
  it.each(cases)('$nodes nodes, percentage $pct → $want', ({ nodes, pct, want }) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want)
  })
})

describe('selectHost', () => {
  it('picks the unique best node without drawing', () => {
    const sel = selectHost(
      [
        { name: 'a', totalScore: 10 },
        { name: 'b', totalScore: 30 },
        { name: 'c', totalScore: 20 },
      ],
      createRng(1),
    )
    expect(sel?.selected).toBe('b')
    expect(sel?.draws).toEqual([])
    expect(sel?.highest.map((h) => h.name)).toEqual(['b', 'c', 'a'])
  })

  it('only ever picks a top-scored node, and the same seed gives the same pick', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (scores, seed) => {
          const list = scores.map((s, i) => ({ name: `n${i}`, totalScore: s }))
          const a = selectHost(list, createRng(seed))
          const b = selectHost(list, createRng(seed))
          expect(a).toEqual(b)
          expect(list.find((n) => n.name === a?.selected)?.totalScore).toBe(Math.max(...scores))
        },
      ),
    )
  })

  it('matches a full stable sort: same pick, ties, draws and three highest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (scores, seed) => {
          const list = scores.map((s, i) => ({ name: `n${i}`, totalScore: s }))
          const got = selectHost(list, createRng(seed))
          const want = sortingSelectHost(list, createRng(seed))
          expect({
            selected: got?.selected,
            tiedNodes: got?.tiedNodes,
            draws: got?.draws,
            highest: got?.highest,
          }).toEqual(want)
        },
      ),
    )
  })
})
