import { describe, expect, it } from 'vitest'
import { autoPause } from './auto-pause'

describe('an embed pauses while nobody can see it', () => {
  it('pauses when it leaves the screen while playing, and resumes when it is back', () => {
    const hidden = autoPause({ autoPaused: false }, { visible: false, playing: true })
    expect(hidden).toEqual({ state: { autoPaused: true }, command: 'pause' })
    expect(autoPause(hidden.state, { visible: true, playing: false })).toEqual({
      state: { autoPaused: false },
      command: 'play',
    })
  })

  it('leaves a viewer’s own pause alone', () => {
    expect(autoPause({ autoPaused: false }, { visible: false, playing: false })).toEqual({
      state: { autoPaused: false },
    })
    expect(autoPause({ autoPaused: false }, { visible: true, playing: false })).toEqual({
      state: { autoPaused: false },
    })
  })
})
