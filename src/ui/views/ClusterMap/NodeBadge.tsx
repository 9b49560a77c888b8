import { useAppState } from '../../app/app-context'
import type { Box } from '../../viz/cluster-layout'

/** What the scheduler will respect on this node, at its top right: cordoned, taints, labels. */
export function NodeBadge({ node, box }: { node: string; box: Box }) {
  const text = useAppState((s) => {
    const record = s.nodes[`/registry/minions/${node}`]
    if (!record) return ''
    const parts = [
      record.unschedulable ? 'cordoned' : '',
      record.taints.length > 0
        ? `${record.taints.length} taint${record.taints.length > 1 ? 's' : ''}`
        : '',
      Object.keys(record.labels).length > 0 ? `${Object.keys(record.labels).length} label(s)` : '',
    ]
    return parts.filter((p) => p !== '').join(' · ')
  })
  if (text === '') return null
  return (
    <text
      x={box.x + box.width - 10}
      y={box.y + 17}
      textAnchor="end"
      className={`node-badge${text.startsWith('cordoned') ? ' cordoned' : ''}`}
      data-testid={`node-badge-${node}`}
    >
      {text}
    </text>
  )
}
