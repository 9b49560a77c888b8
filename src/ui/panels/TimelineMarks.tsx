import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { formatSimTime } from '../viz/age'
import { timelineMarks } from '../viz/timeline-marks'

/**
 * Ticks under the timeline at the virtual times things happened to nodes and leaders (a node
 * going NotReady, its taint, the evictions 300 s later, a new leader) and when you stopped or
 * started something. Each names its time; choosing one seeks there.
 */
export function TimelineMarks({ onSeek }: { onSeek: (timeMs: number) => void }) {
  const { narration, actions, span } = useAppState(
    useShallow((s) => ({
      narration: s.marks,
      actions: s.actions,
      span: Math.max(1, s.horizonMs, s.simTimeMs),
    })),
  )
  const marks = useMemo(() => timelineMarks(narration, actions), [narration, actions])
  if (marks.length === 0) return null
  return (
    <ol className="timeline-marks" aria-label="Marked moments" data-testid="timeline-marks">
      {marks.map((m, i) => (
        <li key={`${String(m.atMs)}-${String(i)}`} style={{ left: `${(100 * m.atMs) / span}%` }}>
          <button
            type="button"
            className={`timeline-mark mark-${m.kind}`}
            title={`${formatSimTime(m.atMs)}: ${m.text}`}
            aria-label={`${formatSimTime(m.atMs)}: ${m.text}`}
            data-testid="timeline-mark"
            data-kind={m.kind}
            data-at-ms={m.atMs}
            onClick={() => {
              onSeek(m.atMs)
            }}
          />
        </li>
      ))}
    </ol>
  )
}
