/**
 * An embed plays only while someone can see it: off-screen or in a hidden tab it pauses, and
 * when it is seen again it resumes only if it was the page that paused it (a viewer's own pause
 * stays). Pure, so the rule is tested apart from the observers that feed it.
 */
export interface AutoPauseState {
  autoPaused: boolean
}

export function autoPause(
  state: AutoPauseState,
  now: { visible: boolean; playing: boolean },
): { state: AutoPauseState; command?: 'pause' | 'play' } {
  if (!now.visible && now.playing) return { state: { autoPaused: true }, command: 'pause' }
  if (now.visible && state.autoPaused)
    return { state: { autoPaused: false }, ...(now.playing ? {} : { command: 'play' as const }) }
  return { state }
}
