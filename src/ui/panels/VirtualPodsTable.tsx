import { useEffect, useRef, useState } from 'react'
import type { PodRecord } from '../../protocol/records'
import { useAppState } from '../app/app-context'
import { visibleWindow } from '../viz/virtual-window'
import { PodHeaderRow } from './PodHeaderRow'
import { PodRow } from './PodRow'

// Every row is one line of this height (CSS .virtual-pods tr), so a scroll offset is a row.
const POD_ROW_PX = 28
const HEADER_PX = 30

interface VirtualPodsTableProps {
  total: number
  /** The rows from `offset` on that the caller has (a slice of the store, or the worker's window). */
  rows: readonly PodRecord[]
  offset: number
  /** The window in view changed: the caller fetches those rows. */
  onWindow: (first: number, count: number) => void
  caption: string
}

/**
 * A Pods table that renders only the rows in view (and a few either side): the scroll height is
 * the whole list's, spacer rows stand for the rest. At 150,000 Pods the DOM holds a few dozen.
 */
export function VirtualPodsTable({
  total,
  rows,
  offset,
  onWindow,
  caption,
}: VirtualPodsTableProps) {
  const boxRef = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 400 })
  const { first, count } = visibleWindow(view.top, view.height - HEADER_PX, POD_ROW_PX, total)
  const nowMs = useAppState((s) => Math.floor(s.simTimeMs / 1000) * 1000)
  useEffect(() => {
    onWindow(first, count)
  }, [first, count, onWindow])
  useEffect(() => {
    const box = boxRef.current
    if (!box) return
    const measure = () => {
      setView({ top: box.scrollTop, height: box.clientHeight })
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    box.addEventListener('scroll', measure, { passive: true })
    return () => {
      observer.disconnect()
      box.removeEventListener('scroll', measure)
    }
  }, [])
  const shown = Array.from({ length: count }, (_, i) => rows[first + i - offset])
  return (
    // A scrollable region must take focus to be scrollable from the keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div ref={boxRef} className="virtual-pods" role="region" aria-label="Pods table" tabIndex={0}>
      <table data-testid="pods-table" aria-rowcount={total + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <PodHeaderRow />
        </thead>
        <tbody>
          <tr aria-hidden="true" style={{ height: first * POD_ROW_PX }} />
          {shown.map((pod, i) =>
            pod ? (
              <PodRow key={pod.key} pod={pod} nowMs={nowMs} rowIndex={first + i + 2} />
            ) : (
              <tr key={`loading-${String(first + i)}`} aria-rowindex={first + i + 2}>
                <td colSpan={7} className="muted">
                  …
                </td>
              </tr>
            ),
          )}
          <tr aria-hidden="true" style={{ height: (total - first - count) * POD_ROW_PX }} />
        </tbody>
      </table>
    </div>
  )
}
