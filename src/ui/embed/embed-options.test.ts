import { describe, expect, it } from 'vitest'
import { parseEmbedOptions } from './embed-options'

describe('embed parameters', () => {
  it('is not an embed without embed=1', () => {
    expect(parseEmbedOptions('?seed=3')).toBeUndefined()
  })

  it('has sensible defaults: the map, minimal controls, no autoplay, no trusted origin', () => {
    expect(parseEmbedOptions('?embed=1')).toEqual({
      view: 'map',
      controls: 'minimal',
      theme: undefined,
      autoplay: false,
      lesson: undefined,
      step: undefined,
      trusted: [],
      warnings: [],
    })
  })

  it('reads every parameter', () => {
    const search =
      '?embed=1&view=raft&controls=none&theme=dark&autoplay=1&lesson=split-brain&step=2' +
      '&origin=https://course.example.edu&origin=http://127.0.0.1:5291'
    expect(parseEmbedOptions(search)).toEqual({
      view: 'raft',
      controls: 'none',
      theme: 'dark',
      autoplay: true,
      lesson: 'split-brain',
      step: 2,
      trusted: ['https://course.example.edu', 'http://127.0.0.1:5291'],
      warnings: [],
    })
  })

  it('falls back on bad values and says which', () => {
    const options = parseEmbedOptions(
      '?embed=1&view=cube&controls=all&theme=pink&step=0&lesson=../x',
    )
    expect(options).toMatchObject({ view: 'map', controls: 'minimal', theme: 'light' })
    expect(options?.warnings).toEqual([
      'Ignored theme=pink: expected light, dark; using light.',
      'Ignored step=0: expected a step number from 1.',
      'Ignored lesson=../x: not a lesson id.',
      'Ignored view=cube: expected map, raft, scheduler; using map.',
      'Ignored controls=all: expected none, minimal, full; using minimal.',
    ])
  })
})
