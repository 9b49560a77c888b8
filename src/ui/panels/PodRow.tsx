import type { PodRecord } from '../../protocol/records'
import { formatAge } from '../viz/age'

interface PodRowProps {
  pod: PodRecord
  nowMs: number
  /** 1-based position among all rows (header included), for a table that draws only some. */
  rowIndex?: number
}

/** One Pod under PodHeaderRow's columns. */
export function PodRow({ pod, nowMs, rowIndex }: PodRowProps) {
  return (
    <tr data-testid={`pod-row-${pod.name}`} aria-rowindex={rowIndex}>
      <td>{pod.name}</td>
      <td>{pod.ready}</td>
      <td className={`status status-${pod.status}`}>{pod.status}</td>
      <td>{pod.restarts}</td>
      <td>{formatAge(pod.createdMs, nowMs)}</td>
      <td>{pod.ip || '<none>'}</td>
      <td>{pod.node || '<none>'}</td>
    </tr>
  )
}
