import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import type { PodRecord } from '../../../protocol/records'
import { chipBox } from '../../viz/layout-text'
import { FONTS, type ChipArea } from '../../viz/layout-types'
import { fitText } from '../../viz/text-width'

interface PodChipsProps {
  /** The node whose Pods to draw; '' for the Pods no node has yet (the Pending tray). */
  node: string
  area: ChipArea
}

const STATUS_CLASS: Record<string, string> = {
  Running: 'running',
  Terminating: 'terminating',
  Pending: 'pending',
}

/** The Pods on one node (or not yet on any), as chips coloured by status. */
export function PodChips({ node, area }: PodChipsProps) {
  const pods = useAppState(
    useShallow((s) =>
      s.podKeys.map((k) => s.pods[k]).filter((p): p is PodRecord => p?.node === node),
    ),
  )
  const capacity = area.columns * area.rows
  const shown = pods.length > capacity ? pods.slice(0, capacity - 1) : pods
  const more = pods.length - shown.length
  const moreBox = more > 0 ? chipBox(area, shown.length) : undefined
  return (
    <g className="pod-chips" data-testid={node === '' ? 'pending-pods' : `pods-${node}`}>
      {shown.map((pod, i) => {
        const box = chipBox(area, i)
        if (!box) return null
        return (
          <g
            key={pod.key}
            className={`pod-chip ${STATUS_CLASS[pod.status] ?? 'other'}`}
            data-testid={`pod-chip-${pod.name}`}
          >
            <title>{`${pod.name}: ${pod.status}`}</title>
            <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={11} />
            <text x={box.x + box.width / 2} y={box.y + 15} textAnchor="middle">
              {fitText(pod.name, box.width - 10, FONTS.chip)}
            </text>
          </g>
        )
      })}
      {node === '' && pods.length === 0 && (
        <text className="pod-none" x={area.x} y={area.y + 15}>
          none
        </text>
      )}
      {moreBox && (
        <text
          className="pod-more"
          x={moreBox.x + moreBox.width / 2}
          y={moreBox.y + 15}
          textAnchor="middle"
        >
          +{more} more
        </text>
      )}
    </g>
  )
}
