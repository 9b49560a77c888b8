import { useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import { formatSimTime } from '../viz/age'
import { keySeek, timelineView } from '../viz/timeline-view'
import { TimelineMarkers } from './TimelineMarkers'
import { TimelineMarks } from './TimelineMarks'
import { LiveNote } from './LiveNote'
import { TimelineZoom } from './TimelineZoom'

/**
 * The cluster clock and the timeline: drag back to rewind, forward to jump ahead; a marker for
 * every action (click to go there); "Recent" zooms to the latest activity; arrows, Page Up/Down,
 * Home and End move in useful steps, also while playing.
 */
export function Timeline() {
  const { playback } = useServices()
  const [zoomed, setZoomed] = useState(false)
  const { simTimeMs, horizonMs, slowed, actions, attached } = useAppState(
    useShallow((s) => ({
      attached: s.attachedTo !== undefined,
      simTimeMs: s.simTimeMs,
      horizonMs: s.horizonMs,
      slowed: s.followMessages && s.playing && s.effectiveRate < s.speed * 0.99,
      actions: s.actions,
    })),
  )
  const view = timelineView({ horizonMs, simTimeMs, actions, zoomed })
  const seek = (timeMs: number, end = true) => {
    playback.send({ type: 'SCRUB_START' })
    playback.send({ type: 'SCRUB_TO', timeMs })
    if (end) playback.send({ type: 'SCRUB_END' })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const target = keySeek(event.key, simTimeMs, view)
    if (target === undefined) return
    event.preventDefault()
    seek(target)
  }
  return (
    <section className="timeline" aria-label="Timeline">
      <output className="sim-time" data-testid="sim-time" aria-live="off">
        t = {formatSimTime(simTimeMs)}
        {slowed && <span className="slowed"> (slow motion)</span>}
      </output>
      {attached && <LiveNote />}
      <div className="timeline-track">
        <TimelineMarkers
          markers={view.markers}
          onSeek={(timeMs) => {
            // Going to an action stops there, to look at it.
            seek(timeMs)
            playback.send({ type: 'PAUSE' })
          }}
        />
        <input
          type="range"
          className="scrubber"
          min={view.start}
          max={view.end}
          step={1}
          value={simTimeMs}
          aria-label={
            attached
              ? 'Timeline (live: a served simulation cannot rewind)'
              : 'Timeline: drag back to rewind'
          }
          disabled={attached}
          aria-valuetext={formatSimTime(simTimeMs)}
          data-testid="timeline"
          onPointerDown={() => playback.send({ type: 'SCRUB_START' })}
          onChange={(e) => {
            seek(Number(e.target.value), false)
          }}
          onKeyDown={onKeyDown}
          onPointerUp={() => playback.send({ type: 'SCRUB_END' })}
          onBlur={() => playback.send({ type: 'SCRUB_END' })}
        />
        <TimelineMarks
          start={view.start}
          end={view.end}
          onSeek={(timeMs) => {
            seek(timeMs)
            playback.send({ type: 'PAUSE' })
          }}
        />
      </div>
      <TimelineZoom
        zoomed={zoomed}
        onToggle={() => {
          setZoomed((z) => !z)
        }}
      />
    </section>
  )
}
