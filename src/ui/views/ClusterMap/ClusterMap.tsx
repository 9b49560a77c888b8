import { useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { LANDSCAPE_QUERY, useMediaQuery } from '../../app/use-media-query'
import { layoutToFit } from '../../viz/cluster-layout'
import { spotText } from '../../viz/layout-text'
import { isPeerMessage } from '../../viz/quorum-pulse'
import { MessagesLayer } from './MessagesLayer'
import { NodeBadge } from './NodeBadge'
import { ComponentBox } from './ComponentBox'
import { PodChips } from './PodChips'
import { useContainerSize } from './use-container-size'
import './cluster-map.css'

/**
 * The cluster map: hosts, components, the links between them, Pods (Pending ones in a tray by
 * the control plane), and messages in flight. Laid out in CSS pixels for the space it has, so
 * text keeps its size (never under 12 px) on any screen; zoomed in when there is room to spare.
 */
export function ClusterMap() {
  const containerRef = useRef<HTMLDivElement>(null)
  const size = useContainerSize(containerRef)
  const fitHeight = useMediaQuery(LANDSCAPE_QUERY)
  const components = useAppState(useShallow((s) => s.components))
  // Components with a message of their own in flight (Raft's heartbeats make no box busy).
  const activeActors = useAppState((s) =>
    [
      ...new Set(
        s.inFlight
          .filter((m) => s.expertDetail || !isPeerMessage(m))
          .flatMap((m) => [m.from, m.to]),
      ),
    ]
      .sort()
      .join(' '),
  )
  const { layout, zoom } = useMemo(
    () => layoutToFit(components, size.width || 360, fitHeight ? size.height : undefined),
    [components, size.width, size.height, fitHeight],
  )
  const busy = new Set(activeActors.split(' '))
  return (
    <div ref={containerRef} className="cluster-map" data-testid="cluster-map">
      <svg
        width={Math.floor(layout.width * zoom)}
        height={Math.floor(layout.height * zoom)}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label="Cluster map: the control plane, the worker nodes and the messages between their components"
      >
        {layout.hosts.map((host) => (
          <g key={host.id} className={`host host-${host.kind}`} data-testid={`host-${host.id}`}>
            <rect x={host.x} y={host.y} width={host.width} height={host.height} rx={10} />
            <text x={host.title.x} y={host.title.y} className="host-label">
              {spotText(host.title, host.label)}
            </text>
            {host.kind === 'node' && host.badge && <NodeBadge node={host.id} spot={host.badge} />}
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
          <ComponentBox key={c.id} component={c} busy={busy.has(c.id)} />
        ))}
        {Object.entries(layout.podAreas).map(([owner, area]) => (
          <PodChips key={owner} node={owner === 'pending' ? '' : owner} area={area} />
        ))}
        <MessagesLayer layout={layout} />
      </svg>
    </div>
  )
}
