import { assign, setup } from 'xstate'

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'NEXT_HOP' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SCRUB_START' }
  | { type: 'SCRUB_TO'; timeMs: number }
  | { type: 'SCRUB_END' }
  /** The simulation paused itself (a lesson stopped it to ask, or to let a student look). */
  | { type: 'SIM_PAUSED' }

/**
 * Playback intent: playing or paused, and scrubbing the timeline, which pauses the simulation
 * while the user drags and resumes it afterwards only if it was playing. The effects are named
 * and given real implementations by the composition root with `.provide()`.
 */
export const playbackMachine = setup({
  types: {
    context: {} as { resumeAfterScrub: boolean; startPaused: boolean },
    events: {} as PlaybackEvent,
    input: undefined as { startPaused?: boolean } | undefined,
  },
  actions: {
    play: () => undefined,
    pause: () => undefined,
    step: () => undefined,
    nextHop: () => undefined,
    seek: (_, _params: { timeMs: number }) => undefined,
    setSpeed: (_, _params: { speed: number }) => undefined,
  },
}).createMachine({
  id: 'playback',
  // A page that opens paused (an embed without autoplay, a shared link) never starts playing.
  initial: 'starting',
  context: ({ input }) => ({ resumeAfterScrub: false, startPaused: input?.startPaused === true }),
  on: {
    SET_SPEED: { actions: { type: 'setSpeed', params: ({ event }) => ({ speed: event.speed }) } },
  },
  states: {
    starting: {
      always: [
        { guard: ({ context }) => context.startPaused, target: 'paused' },
        { target: 'playing' },
      ],
    },
    playing: {
      entry: 'play',
      on: {
        PAUSE: { target: 'paused', actions: 'pause' },
        TOGGLE: { target: 'paused', actions: 'pause' },
        STEP: { target: 'paused', actions: ['pause', 'step'] },
        NEXT_HOP: { target: 'paused', actions: ['pause', 'nextHop'] },
        SCRUB_START: {
          target: 'scrubbing',
          actions: ['pause', assign({ resumeAfterScrub: true })],
        },
        SIM_PAUSED: 'paused',
      },
    },
    paused: {
      on: {
        PLAY: 'playing',
        TOGGLE: 'playing',
        STEP: { actions: 'step' },
        NEXT_HOP: { actions: 'nextHop' },
        SCRUB_START: { target: 'scrubbing', actions: assign({ resumeAfterScrub: false }) },
      },
    },
    scrubbing: {
      on: {
        SCRUB_TO: { actions: { type: 'seek', params: ({ event }) => ({ timeMs: event.timeMs }) } },
        SCRUB_END: [
          { guard: ({ context }) => context.resumeAfterScrub, target: 'playing' },
          { target: 'paused' },
        ],
      },
    },
  },
})
