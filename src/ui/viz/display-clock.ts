/** What the display clock needs from the store. */
export interface ClockState {
  simTimeMs: number
}

/**
 * The virtual time to draw: the latest frame's. The worker sends a frame per animation frame
 * while playing, so motion is smooth; drawing ahead of it would show a future the simulation has
 * not computed yet (a step ending because its next message is not known yet, time running
 * backwards when the next frame arrives slowed down). The map and the step list both use it, so
 * they always agree. Pure.
 */
export function displayTime(state: ClockState): number {
  return state.simTimeMs
}
