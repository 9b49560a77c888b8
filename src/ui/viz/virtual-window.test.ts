import { describe, expect, it } from 'vitest'
import { visibleWindow } from './virtual-window'

describe('visibleWindow', () => {
  it('renders the rows in view and 10 either side, not all 150,000', () => {
    // 400 px of 28 px rows: rows 1000–1014 are in view (scrolled to 28,000 px).
    expect(visibleWindow(28_000, 400, 28, 150_000)).toEqual({ first: 990, count: 35 })
  })
  it('stops at the ends', () => {
    expect(visibleWindow(0, 400, 28, 150_000)).toEqual({ first: 0, count: 25 })
    expect(visibleWindow(0, 400, 28, 3)).toEqual({ first: 0, count: 3 })
    expect(visibleWindow(10_000, 400, 28, 0)).toEqual({ first: 0, count: 0 })
  })
})
