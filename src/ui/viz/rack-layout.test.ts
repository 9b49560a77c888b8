import { describe, expect, it } from 'vitest'
import { layoutOverview, layoutRack, nodeAt, rackAt, rackCount } from './rack-layout'

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe('rack layout', () => {
  it.each([
    [5000, 1280],
    [5000, 390],
    [250, 700],
    [1, 360],
  ])('puts %i nodes in racks of 100 that fit %i px and never overlap', (nodes, width) => {
    const layout = layoutOverview(nodes, width)
    expect(layout.racks).toHaveLength(rackCount(nodes))
    expect(layout.width).toBeLessThanOrEqual(width)
    for (const rack of layout.racks) expect(rack.x + rack.width).toBeLessThanOrEqual(width)
    for (let i = 0; i < layout.racks.length; i++)
      for (let j = i + 1; j < layout.racks.length; j++)
        expect(overlaps(layout.racks[i]!, layout.racks[j]!)).toBe(false)
    // Every node's cell lies inside its rack, below the label.
    for (const i of [0, 99, 100, nodes - 1]) {
      if (i >= nodes) continue
      const cell = layout.cellOf(i)
      const rack = layout.racks[Math.floor(i / 100)]!
      expect(cell.x).toBeGreaterThanOrEqual(rack.x)
      expect(cell.y).toBeGreaterThan(rack.labelY)
      expect(cell.y + cell.height).toBeLessThanOrEqual(rack.y + rack.height)
      expect(rackAt(layout, cell.x + 1, cell.y + 1)).toBe(Math.floor(i / 100))
    }
  })

  it('fits every rack in the box when cells of 5 px or more allow it, else scrolls', () => {
    // 1,000 nodes in the overview's box at 1024×768: cells shrink until all ten racks show.
    const small = layoutOverview(1000, 470, 300)
    expect(small.height).toBeLessThanOrEqual(300)
    expect(small.cell).toBeGreaterThanOrEqual(5)
    // Room enough: the biggest cells.
    expect(layoutOverview(1000, 1280, 2000).cell).toBe(14)
    // 5,000 nodes cannot fit 300 px at 5 px a cell: the smallest cells, and the box scrolls.
    const big = layoutOverview(5000, 790, 300)
    expect(big.cell).toBe(5)
    expect(big.height).toBeGreaterThan(300)
  })

  it('labels racks by their nodes: 5,000 nodes are 50 racks, the last "nodes 4901–5000"', () => {
    const layout = layoutOverview(5000, 1280)
    expect(layout.racks.at(-1)?.label).toBe('nodes 4901–5000')
    expect(layoutOverview(250, 800).racks.at(-1)?.label).toBe('nodes 201–250')
  })

  it('zooms to a rack: cells wide enough for a name at 12 px, found again by position', () => {
    for (const width of [360, 800, 1280]) {
      const rack = layoutRack(4900, 100, width)
      expect(rack.cells[0]!.width).toBeGreaterThanOrEqual(64)
      expect(rack.columns).toBeLessThanOrEqual(10)
      const cell = rack.cells[57]!
      expect(nodeAt(rack, cell.x + 2, cell.y + 2)).toBe(4957)
    }
  })
})
