import { describe, expect, it } from 'vitest'
import type { ScaleMap } from '../../../store/apply-scale'
import { layoutOverview } from '../../viz/rack-layout'
import { busiest, cellsToRedraw, drawOverview, type DrawnCells } from './draw-scale'
import type { ScalePalette } from './scale-colors'

const palette: ScalePalette = {
  ready: '#1',
  notReady: '#2',
  unknown: '#3',
  empty: '#4',
  ink: '#5',
  muted: '#6',
  message: '#7',
}
const totals = {
  nodes: 3,
  podsAsked: 9,
  pods: 0,
  systemPods: 0,
  running: 0,
  pending: 0,
  deployments: 0,
}
const names = ['node-1', 'node-2', 'node-3']
const map = (pods: number[], conditions: (0 | 1 | 2)[] = [0, 0, 0]): ScaleMap => ({
  names,
  pods,
  conditions,
  totals,
})
const drawn = (m: ScaleMap, p = palette): DrawnCells => ({ map: m, full: busiest(m), palette: p })

describe('cellsToRedraw', () => {
  const before = drawn(map([2, 1, 0]))
  it.each([
    ['nothing drawn yet', undefined, drawn(map([2, 1, 0])), 'all'],
    ['the same arrays', before, before, []],
    // node-2 1 → 2 Pods, node-3 turns NotReady; the busiest still has 2: only those two cells.
    ['two nodes moved', before, drawn(map([2, 2, 0], [0, 0, 1])), [1, 2]],
    // node-3 gets 3 Pods: the busiest grows, every fill is drawn to a new scale.
    ['the busiest grew', before, drawn(map([2, 1, 3])), 'all'],
    ['another node list', before, drawn({ ...map([2, 1, 0]), names: [...names] }), 'all'],
    ['another theme', before, drawn(map([2, 1, 0]), { ...palette, ready: '#9' }), 'all'],
  ])('%s', (_, a, b, expected) => {
    expect(cellsToRedraw(a, b)).toEqual(expected)
  })
})

describe('busiest', () => {
  it('is the most Pods on a node, at least 1 (an empty cluster draws empty cells)', () => {
    expect(busiest(map([0, 0, 0]))).toBe(1)
    expect(busiest(map([4, 7, 2]))).toBe(7)
  })
})

/** A 2D context that counts the calls drawOverview makes (the cells: a fill, a fill, an outline each). */
function countingContext() {
  const calls = { fillRect: 0, strokeRect: 0, fillText: 0, clearRect: 0 }
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: '',
    fillRect: () => {
      calls.fillRect++
    },
    strokeRect: () => {
      calls.strokeRect++
    },
    fillText: () => {
      calls.fillText++
    },
    clearRect: () => {
      calls.clearRect++
    },
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls }
}

describe('drawOverview', () => {
  const layout = layoutOverview(3, 600, 400)
  it("draws every cell and the racks' labels on a cleared canvas", () => {
    const { ctx, calls } = countingContext()
    drawOverview(ctx, layout, map([2, 1, 0]), palette)
    expect(calls).toEqual({ fillRect: 6, strokeRect: 3, fillText: 1, clearRect: 1 })
  })
  it('draws only the cells asked for over the last drawing, the rest left as drawn', () => {
    const { ctx, calls } = countingContext()
    drawOverview(ctx, layout, map([2, 2, 0]), palette, [1])
    expect(calls).toEqual({ fillRect: 2, strokeRect: 1, fillText: 0, clearRect: 0 })
  })
})
