import { useAppState, useServices } from '../app/app-context'

/**
 * Play or pause. Its width does not change with its label (the `play` class): the controls
 * beside it stay where the student's pointer is when the simulation starts or stops.
 */
export function PlayPauseButton() {
  const { playback } = useServices()
  const playing = useAppState((s) => s.playing)
  return (
    <button
      type="button"
      className="primary play"
      onClick={() => playback.send({ type: 'TOGGLE' })}
      aria-label={playing ? 'Pause' : 'Play'}
      data-testid="play-pause"
    >
      {playing ? '❚❚ Pause' : '▶ Play'}
    </button>
  )
}
