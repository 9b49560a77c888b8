/** What the display clock needs from the store. */
export interface ClockState {
  simTimeMs: number
  playing: boolean
  effectiveRate: number
}

// A frame older than this (wall ms) is not extrapolated further: the worker may have stopped.
const MAX_EXTRAPOLATION_WALL_MS = 50

/**
 * The virtual time to draw, `wallSinceFrameMs` after the latest frame: the frame's time, moved
 * on at the current rate while playing (at most 50 ms of wall time), so motion is smooth between
 * frames. The map and the step list both use it, so they always agree. Pure.
 */
export function displayTime(state: ClockState, wallSinceFrameMs: number): number {
  if (!state.playing) return state.simTimeMs
  const elapsed = Math.min(Math.max(0, wallSinceFrameMs), MAX_EXTRAPOLATION_WALL_MS)
  return state.simTimeMs + elapsed * state.effectiveRate
}
