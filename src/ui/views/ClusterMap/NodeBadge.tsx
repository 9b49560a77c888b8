import { useAppState } from '../../app/app-context'
import { spotText } from '../../viz/layout-text'
import type { TextSpot } from '../../viz/layout-types'

/** What the scheduler will respect on this node, at its top right: cordoned, taints, labels. */
export function NodeBadge({ node, spot }: { node: string; spot: TextSpot }) {
  const text = useAppState((s) => {
    const record = s.nodes[`/registry/minions/${node}`]
    if (!record) return ''
    const labels = Object.keys(record.labels).length
    const parts = [
      record.unschedulable ? 'cordoned' : '',
      record.taints.length > 0
        ? `${record.taints.length} taint${record.taints.length > 1 ? 's' : ''}`
        : '',
      labels > 0 ? `${labels} label${labels > 1 ? 's' : ''}` : '',
    ]
    return parts.filter((p) => p !== '').join(' · ')
  })
  const shown = spotText(spot, text)
  if (shown === '') return null
  return (
    <text
      x={spot.x}
      y={spot.y}
      textAnchor="end"
      className={`node-badge${text.startsWith('cordoned') ? ' cordoned' : ''}`}
      data-testid={`node-badge-${node}`}
    >
      {shown}
    </text>
  )
}
