import { useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { LANDSCAPE_QUERY, useMediaQuery } from '../../app/use-media-query'
import { layoutForType } from '../../viz/large-type-layout'
import { spotText } from '../../viz/layout-text'
import type { HostBox } from '../../viz/layout-types'
import type { MapStatus } from '../../viz/map-status'
import { isPeerMessage } from '../../viz/quorum-pulse'
import { fitText } from '../../viz/text-width'
import { MapComponents } from './MapComponents'
import { MapDescription } from './MapDescription'
import { MessagesLayer } from './MessagesLayer'
import { PodChips } from './PodChips'
import { ReconcileTicker } from './ReconcileTicker'
import { useContainerSize } from './use-container-size'
import { useMapStatus } from './use-map-status'
import { useAuthLine, withAuthLine } from './use-auth-line'
import './cluster-map.css'

/** A host's badge: a node's scheduling marks, or etcd's state ("read-only: no quorum"). */
function HostBadge({ host, status }: { host: HostBox; status: MapStatus }) {
  const spot = host.badge
  if (!spot) return null
  const options = host.kind === 'etcd' ? (status.etcd?.short ?? []) : [status.badges[host.id] ?? '']
  const text =
    options.find((o) => fitText(o, spot.maxWidth, spot.font) === o) ??
    fitText(options[0] ?? '', spot.maxWidth, spot.font)
  if (text === '') return null
  const tone =
    host.kind === 'etcd'
      ? (status.etcd?.tone ?? '')
      : /^(cordoned|NotReady)/.test(text)
        ? 'cordoned'
        : ''
  return (
    <text
      x={spot.x}
      y={spot.y}
      textAnchor="end"
      className={`host-badge ${tone}`}
      data-testid={host.kind === 'etcd' ? 'etcd-badge' : `node-badge-${host.id}`}
    >
      {text}
    </text>
  )
}

/** A host's state class: etcd's health, or a node that is NotReady (its badge says so first). */
function hostState(host: HostBox, status: MapStatus): string {
  if (host.kind === 'etcd') return status.etcd ? ` etcd-${status.etcd.state}` : ''
  if (host.kind === 'node' && (status.badges[host.id] ?? '').startsWith('NotReady'))
    return ' not-ready'
  return ''
}

/** A host's box and title, the control plane drawn as one locked box when it is managed. */
function HostFrame({
  host,
  status,
  managed,
}: {
  host: HostBox
  status: MapStatus
  managed: boolean
}) {
  const locked = managed && host.id === 'control-plane'
  return (
    <g
      className={`host host-${host.kind}${locked ? ' managed' : ''}${hostState(host, status)}`}
      data-testid={`host-${host.id}`}
    >
      <rect x={host.x} y={host.y} width={host.width} height={host.height} rx={10} />
      <text x={host.title.x} y={host.title.y} className="host-label">
        {spotText(host.title, locked ? 'managed control plane (locked)' : host.label)}
      </text>
      <HostBadge host={host} status={status} />
    </g>
  )
}

/**
 * The cluster map: hosts, components with their state (stopped, etcd's leader, read-only or
 * unavailable), the links between them, Pods (Pending ones in a tray by the control plane), and
 * messages in flight. Laid out in CSS pixels for the space it has, so text keeps its size (never
 * under 12 px) on any screen; zoomed in when there is room to spare.
 */
export function ClusterMap({ fit = false }: { fit?: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null)
  const size = useContainerSize(containerRef)
  // Fit the height the page gives (one-screen landscape; an embed's fixed box), or grow.
  const fitHeight = useMediaQuery(LANDSCAPE_QUERY) || fit
  const components = useAppState(useShallow((s) => s.components))
  const status = useMapStatus()
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
  // Large type: lay the map out for a smaller box, then draw it bigger (as far as it fits).
  const largeType = useAppState((s) => s.prefs.largeType)
  const { layout, zoom } = useMemo(
    () =>
      layoutForType(components, size.width || 360, fitHeight ? size.height : undefined, largeType),
    [components, size.width, size.height, fitHeight, largeType],
  )
  const busy = new Set(activeActors.split(' '))
  const authText = useAuthLine().text
  const shown = useMemo(
    () => withAuthLine(status, layout.components, authText),
    [status, layout.components, authText],
  )
  // A lesson's managed control plane is drawn as one box you cannot touch.
  const managed = useAppState((s) => s.managedControlPlane)
  return (
    <div ref={containerRef} className="cluster-map" data-testid="cluster-map">
      <svg
        width={Math.floor(layout.width * zoom)}
        height={Math.floor(layout.height * zoom)}
        viewBox={`0 0 ${String(layout.width)} ${String(layout.height)}`}
        role="img"
        aria-label={`Cluster map: the control plane, the worker nodes and the messages between their components.${status.etcd && status.etcd.tone !== 'ok' ? ` ${status.etcd.text}` : ''}`}
      >
        {layout.hosts.map((host) => (
          <HostFrame key={host.id} host={host} status={status} managed={managed} />
        ))}
        <g className="edges">
          {layout.edges.map((edge) => (
            <polyline
              key={`${edge.from}-${edge.to}`}
              points={edge.points.map((p) => p.join(',')).join(' ')}
            />
          ))}
        </g>
        <MapComponents components={layout.components} busy={busy} status={status} />
        {Object.entries(layout.podAreas).map(([owner, area]) => (
          <PodChips key={owner} node={owner === 'pending' ? '' : owner} area={area} />
        ))}
        {layout.ticker && <ReconcileTicker spot={layout.ticker} />}
        <MessagesLayer layout={layout} shown={shown} />
      </svg>
      <MapDescription />
    </div>
  )
}
