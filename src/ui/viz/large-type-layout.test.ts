import { describe, expect, it } from 'vitest'
import { clusterComponents } from '../testdata/cluster-records'
import { layoutToFit } from './cluster-layout'
import { LARGE_TYPE_SCALE, layoutForType } from './large-type-layout'

const cluster = clusterComponents

describe('layoutForType', () => {
  it('draws large type 1.25 times bigger where there is room (a 1920x1080 projector)', () => {
    const normal = layoutForType(cluster(3, 3), 1300, 900, false)
    const large = layoutForType(cluster(3, 3), 1300, 900, true)
    expect(large.zoom).toBeGreaterThanOrEqual(normal.zoom)
    expect(large.layout.height * large.zoom).toBeLessThanOrEqual(900.5)
  })

  it('keeps the whole map in the box when full large type would not fit (1024x768)', () => {
    // The map's box in the one-screen layout at 1280x800 with large type: about 800 x 450.
    const [width, height] = [800, 450]
    const full = layoutToFit(cluster(3, 3), width / LARGE_TYPE_SCALE, height / LARGE_TYPE_SCALE)
    expect(full.layout.height * full.zoom * LARGE_TYPE_SCALE).toBeGreaterThan(height)
    const large = layoutForType(cluster(3, 3), width, height, true)
    expect(large.layout.height * large.zoom).toBeLessThanOrEqual(height + 0.5)
    expect(large.zoom).toBeGreaterThanOrEqual(1)
  })

  it('never draws large type smaller than normal type, even when nothing fits', () => {
    const normal = layoutForType(cluster(12, 5), 500, 200, false)
    const large = layoutForType(cluster(12, 5), 500, 200, true)
    expect(large.zoom).toBeGreaterThanOrEqual(normal.zoom)
  })

  it('grows to the page when there is no height to fit (a scrolling page)', () => {
    expect(layoutForType(cluster(3, 3), 800, undefined, true).zoom).toBe(LARGE_TYPE_SCALE)
  })
})
