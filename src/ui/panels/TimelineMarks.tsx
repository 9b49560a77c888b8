import { useMemo } from 'react'
import { useAppState } from '../app/app-context'
import { formatSimTime } from '../viz/age'
import { timelineMarks } from '../viz/timeline-marks'

interface TimelineMarksProps {
  /** The stretch of time the slider shows (whole run or zoomed), from timelineView. */
  start: number
  end: number
  onSeek: (timeMs: number) => void
}

/**
 * Ticks on the slider's track at the virtual times things happened to nodes and leaders (a node
 * going NotReady, its taint, the evictions 300 s later, a new leader). Each names its time;
 * choosing one seeks there. Marks outside the stretch shown (zoomed) are left out.
 */
export function TimelineMarks({ start, end, onSeek }: TimelineMarksProps) {
  const narration = useAppState((s) => s.marks)
  const marks = useMemo(() => timelineMarks(narration), [narration])
  const span = Math.max(1, end - start)
  const shown = marks.filter((m) => m.atMs >= start && m.atMs <= end)
  if (shown.length === 0) return null
  return (
    <ol className="timeline-marks" aria-label="Marked moments" data-testid="timeline-marks">
      {shown.map((m, i) => (
        <li
          key={`${String(m.atMs)}-${String(i)}`}
          style={{ left: `${String((100 * (m.atMs - start)) / span)}%` }}
        >
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
