import { describe, expect, it } from 'vitest'
import { motionFor, tripFraction } from './motion'

describe('message motion', () => {
  it('glides: the fraction of the trip time has covered', () => {
    expect([0, 0.25, 0.5, 0.99, 1.2].map((t) => tripFraction(t, 'glide'))).toEqual([
      0, 0.25, 0.5, 0.99, 1,
    ])
  })

  it('hops: at the sender, then half-way, then at the receiver, nothing in between', () => {
    expect([0, 0.2, 0.34, 0.5, 0.66, 0.67, 0.99].map((t) => tripFraction(t, 'hop'))).toEqual([
      0, 0, 0.5, 0.5, 0.5, 1, 1,
    ])
  })

  it('hops when the system asks for reduced motion or the viewer stopped animations', () => {
    expect(motionFor(false, false)).toBe('glide')
    expect(motionFor(true, false)).toBe('hop')
    expect(motionFor(false, true)).toBe('hop')
  })
})
