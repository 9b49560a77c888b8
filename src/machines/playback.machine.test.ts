import { describe, expect, it } from 'vitest'
import { createActor } from 'xstate'
import { playbackMachine } from './playback.machine'

function start() {
  const calls: string[] = []
  const machine = playbackMachine.provide({
    actions: {
      play: () => calls.push('play'),
      pause: () => calls.push('pause'),
      step: () => calls.push('step'),
      nextHop: () => calls.push('next hop'),
      seek: (_, params) => calls.push(`seek ${params.timeMs}`),
      setSpeed: (_, params) => calls.push(`speed ${params.speed}`),
    },
  })
  const actor = createActor(machine).start()
  return { actor, calls }
}

describe('playback machine', () => {
  it('starts playing, toggles, and steps from pause', () => {
    const { actor, calls } = start()
    expect(actor.getSnapshot().value).toBe('playing')
    actor.send({ type: 'TOGGLE' })
    actor.send({ type: 'STEP' })
    actor.send({ type: 'STEP' })
    expect(actor.getSnapshot().value).toBe('paused')
    expect(calls).toEqual(['play', 'pause', 'step', 'step'])
  })

  it('pauses while scrubbing and resumes only if it was playing', () => {
    const { actor, calls } = start()
    actor.send({ type: 'SCRUB_START' })
    actor.send({ type: 'SCRUB_TO', timeMs: 1200 })
    actor.send({ type: 'SCRUB_END' })
    expect(actor.getSnapshot().value).toBe('playing')
    actor.send({ type: 'PAUSE' })
    actor.send({ type: 'SCRUB_START' })
    actor.send({ type: 'SCRUB_TO', timeMs: 500 })
    actor.send({ type: 'SCRUB_END' })
    expect(actor.getSnapshot().value).toBe('paused')
    expect(calls).toEqual(['play', 'pause', 'seek 1200', 'play', 'pause', 'seek 500'])
  })

  it('changes speed in any state', () => {
    const { actor, calls } = start()
    actor.send({ type: 'SET_SPEED', speed: 0.25 })
    actor.send({ type: 'PAUSE' })
    actor.send({ type: 'SET_SPEED', speed: 64 })
    expect(calls).toEqual(['play', 'speed 0.25', 'pause', 'speed 64'])
  })

  it('follows a pause the simulation made itself, so the next toggle plays', () => {
    const { actor, calls } = start()
    actor.send({ type: 'SIM_PAUSED' })
    expect(actor.getSnapshot().value).toBe('paused')
    actor.send({ type: 'TOGGLE' })
    expect(actor.getSnapshot().value).toBe('playing')
    expect(calls).toEqual(['play', 'play'])
  })

  it('pauses for "next hop" and hops again from pause', () => {
    const { actor, calls } = start()
    actor.send({ type: 'NEXT_HOP' })
    actor.send({ type: 'NEXT_HOP' })
    expect(actor.getSnapshot().value).toBe('paused')
    expect(calls).toEqual(['play', 'pause', 'next hop', 'next hop'])
  })
})

describe('a page that opens paused', () => {
  it('never plays when told to start paused', () => {
    const played: string[] = []
    const actor = createActor(
      playbackMachine.provide({ actions: { play: () => played.push('play') } }),
      { input: { startPaused: true } },
    )
    actor.start()
    expect(actor.getSnapshot().value).toBe('paused')
    expect(played).toEqual([])
  })
})
