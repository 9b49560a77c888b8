import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import { formatSimTime } from '../viz/age'
import { SpeedSelect } from './SpeedSelect'

/** Play, pause, step, speed, follow-messages and the timeline slider (drag back to rewind). */
export function Timeline() {
  const { playback, client, store } = useServices()
  const { simTimeMs, horizonMs, playing, speed, followMessages, effectiveRate } = useAppState(
    useShallow((s) => ({
      simTimeMs: s.simTimeMs,
      horizonMs: s.horizonMs,
      playing: s.playing,
      speed: s.speed,
      followMessages: s.followMessages,
      effectiveRate: s.effectiveRate,
    })),
  )
  const slowed = followMessages && playing && effectiveRate < speed * 0.99
  const scrubTo = (value: number) => {
    playback.send({ type: 'SCRUB_START' })
    playback.send({ type: 'SCRUB_TO', timeMs: value })
  }
  return (
    <section className="timeline panel" aria-label="Playback">
      <div className="timeline-controls">
        <button
          type="button"
          className="primary"
          onClick={() => playback.send({ type: 'TOGGLE' })}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="play-pause"
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => playback.send({ type: 'STEP' })} data-testid="step">
          Step ▸
        </button>
        <SpeedSelect />
        <label className="follow">
          <input
            type="checkbox"
            checked={followMessages}
            onChange={(e) => {
              store.setState({ followMessages: e.target.checked })
              client.setFollowMessages(e.target.checked)
            }}
            data-testid="follow-messages"
          />
          Slow down for messages
        </label>
        <output className="sim-time" data-testid="sim-time" aria-live="off">
          t = {formatSimTime(simTimeMs)}
          {slowed && <span className="slowed"> (slow motion)</span>}
        </output>
      </div>
      <input
        type="range"
        className="scrubber"
        min={0}
        max={Math.max(horizonMs, simTimeMs)}
        step={1}
        value={simTimeMs}
        aria-label="Timeline: drag back to rewind"
        data-testid="timeline"
        onPointerDown={() => playback.send({ type: 'SCRUB_START' })}
        onChange={(e) => {
          scrubTo(Number(e.target.value))
        }}
        onPointerUp={() => playback.send({ type: 'SCRUB_END' })}
        onKeyUp={() => playback.send({ type: 'SCRUB_END' })}
        onBlur={() => playback.send({ type: 'SCRUB_END' })}
      />
    </section>
  )
}
