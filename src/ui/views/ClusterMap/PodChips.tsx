import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import type { PodRecord } from '../../../protocol/records'
import type { Box } from '../../viz/cluster-layout'

interface PodChipsProps {
  node: string
  area: Box
}

const STATUS_CLASS: Record<string, string> = {
  Running: 'running',
  Terminating: 'terminating',
  Pending: 'pending',
}

/** The pods bound to one node, as chips coloured by status. */
export function PodChips({ node, area }: PodChipsProps) {
  const pods = useAppState(
    useShallow((s) =>
      s.podKeys.map((k) => s.pods[k]).filter((p): p is PodRecord => p?.node === node),
    ),
  )
  const columns = area.width > 250 ? 3 : 2
  const chipWidth = (area.width - (columns - 1) * 6) / columns
  const shown = pods.slice(0, columns * 2)
  return (
    <g className="pod-chips">
      {shown.map((pod, i) => {
        const x = area.x + (i % columns) * (chipWidth + 6)
        const y = area.y + Math.floor(i / columns) * 24
        return (
          <g
            key={pod.key}
            className={`pod-chip ${STATUS_CLASS[pod.status] ?? 'other'}`}
            data-testid={`pod-chip-${pod.name}`}
          >
            <title>{`${pod.name}: ${pod.status}`}</title>
            <rect x={x} y={y} width={chipWidth} height={20} rx={10} />
            <text x={x + chipWidth / 2} y={y + 14} textAnchor="middle">
              {pod.name.length > 16 ? `${pod.name.slice(0, 15)}…` : pod.name}
            </text>
          </g>
        )
      })}
      {pods.length > shown.length && (
        <text className="pod-more" x={area.x + area.width} y={area.y + 60} textAnchor="end">
          +{pods.length - shown.length} more
        </text>
      )}
    </g>
  )
}
