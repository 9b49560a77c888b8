import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import type { PodRecord } from '../../../protocol/records'
import { chipBox } from '../../viz/layout-text'
import { FONTS, type ChipArea } from '../../viz/layout-types'
import { fitText, textWidth } from '../../viz/text-width'

interface PodChipsProps {
  /** The node whose Pods to draw; '' for the Pods no node has yet (the Pending tray). */
  node: string
  area: ChipArea
}

const STATUS_CLASS: Record<string, string> = {
  Running: 'running',
  Terminating: 'terminating',
  Pending: 'pending',
  // A container that keeps failing, or cannot start: the kubelet is backing off.
  CrashLoopBackOff: 'failing',
  Error: 'failing',
  StartError: 'failing',
  ErrImagePull: 'failing',
  ImagePullBackOff: 'failing',
  ErrImageNeverPull: 'failing',
  Completed: 'completed',
}

/** A Running Pod whose containers are not all ready (READY 0/1): no Service sends it traffic. */
function isUnready(pod: PodRecord): boolean {
  const [ready, total] = pod.ready.split('/')
  return pod.status === 'Running' && ready !== total
}

/** The chip's text: the name (shortened to fit) and a restart count (×3) when it keeps restarting. */
function chipLabel(pod: PodRecord, width: number): string {
  const badge = pod.restarts > 0 ? ` ×${pod.restarts}` : ''
  return fitText(pod.name, width - textWidth(badge, FONTS.chip), FONTS.chip) + badge
}

/** The Pods on one node (or not yet on any), as chips coloured by status. */
export function PodChips({ node, area }: PodChipsProps) {
  const pods = useAppState(
    useShallow((s) =>
      s.podKeys
        .map((k) => s.pods[k])
        .filter(
          (p): p is PodRecord =>
            p !== undefined && (area.nodes ? area.nodes.includes(p.node) : p.node === node),
        ),
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
            className={`pod-chip ${STATUS_CLASS[pod.status] ?? 'other'}${isUnready(pod) ? ' unready' : ''}`}
            data-testid={`pod-chip-${pod.name}`}
          >
            <title>{`${pod.name}: ${pod.status}${isUnready(pod) ? `, not ready (${pod.ready})` : ''}${pod.restarts > 0 ? `, ${pod.restarts} restarts` : ''}`}</title>
            <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={11} />
            <text x={box.x + box.width / 2} y={box.y + 15} textAnchor="middle">
              {chipLabel(pod, box.width - 10)}
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
