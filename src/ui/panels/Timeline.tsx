import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import { formatSimTime } from '../viz/age'

/** The cluster clock and the timeline slider: drag back to rewind, forward to jump ahead. */
export function Timeline() {
  const { playback } = useServices()
  const { simTimeMs, horizonMs, slowed } = useAppState(
    useShallow((s) => ({
      simTimeMs: s.simTimeMs,
      horizonMs: s.horizonMs,
      slowed: s.followMessages && s.playing && s.effectiveRate < s.speed * 0.99,
    })),
  )
  const scrubTo = (value: number) => {
    playback.send({ type: 'SCRUB_START' })
    playback.send({ type: 'SCRUB_TO', timeMs: value })
  }
  return (
    <section className="timeline" aria-label="Timeline">
      <output className="sim-time" data-testid="sim-time" aria-live="off">
        t = {formatSimTime(simTimeMs)}
        {slowed && <span className="slowed"> (slow motion)</span>}
      </output>
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
