import { useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { layoutCluster } from '../../viz/cluster-layout'
import { MessagesLayer } from './MessagesLayer'
import { NodeBadge } from './NodeBadge'
import { PodChips } from './PodChips'
import { useContainerWidth } from './use-container-width'
import './cluster-map.css'

// Below this width the map switches to a one-column portrait layout.
const COMPACT_BELOW_PX = 640

/** The cluster map: hosts, components, the links between them, pods, and messages in flight. */
export function ClusterMap() {
  const containerRef = useRef<HTMLDivElement>(null)
  const width = useContainerWidth(containerRef)
  const components = useAppState(useShallow((s) => s.components))
  const activeActors = useAppState(
    useShallow((s) => [...new Set(s.inFlight.flatMap((m) => [m.from, m.to]))].sort().join(' ')),
  )
  const compact = width > 0 && width < COMPACT_BELOW_PX
  const layout = useMemo(() => layoutCluster(components, compact), [components, compact])
  const busy = new Set(activeActors.split(' '))
  return (
    <div ref={containerRef} className="cluster-map" data-testid="cluster-map">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label="Cluster map: the control plane, the worker nodes and the messages between their components"
      >
        {layout.hosts.map((host) => (
          <g key={host.id} className={`host host-${host.kind}`} data-testid={`host-${host.id}`}>
            <rect x={host.x} y={host.y} width={host.width} height={host.height} rx={10} />
            <text x={host.x + 10} y={host.y + 17} className="host-label">
              {host.label}
            </text>
            {host.kind === 'node' && <NodeBadge node={host.id} box={host} />}
          </g>
        ))}
        <g className="edges">
          {layout.edges.map((edge) => (
            <polyline
              key={`${edge.from}-${edge.to}`}
              points={edge.points.map((p) => p.join(',')).join(' ')}
            />
          ))}
        </g>
        {Object.values(layout.components).map((c) => (
          <g
            key={c.id}
            className={`component component-${c.kind}${busy.has(c.id) ? ' busy' : ''}`}
            data-testid={`component-${c.id}`}
          >
            <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={6} />
            <text x={c.x + c.width / 2} y={c.y + c.height / 2 + 5} textAnchor="middle">
              {c.label}
            </text>
          </g>
        ))}
        {Object.entries(layout.podAreas).map(([node, area]) => (
          <PodChips key={node} node={node} area={area} />
        ))}
        <MessagesLayer layout={layout} />
      </svg>
    </div>
  )
}
