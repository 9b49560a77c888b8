import { memo } from 'react'
import { NODES_PER_RACK, rackCount, rackLabel } from '../../viz/rack-layout'
import type { Zoom } from './ScaleOverview'

interface ZoomNavProps {
  zoom: Zoom
  nodes: number
  names: string[] | undefined
  onZoom: (zoom: Zoom) => void
}

/**
 * Zoom controls: back to all nodes, a rack, a node (what clicking the canvas does, by keyboard).
 * Memoised: its 50 racks' options need not render again with every frame's heading.
 */
export const ZoomNav = memo(function ZoomNav({ zoom, nodes, names, onZoom }: ZoomNavProps) {
  const racks = Array.from({ length: rackCount(nodes) }, (_, i) => i)
  return (
    <nav className="scale-zoom" aria-label="Zoom">
      <button type="button" disabled={zoom.rack === undefined} onClick={() => onZoom({})}>
        All nodes
      </button>
      <label>
        Rack{' '}
        <select
          data-testid="rack-select"
          value={zoom.rack ?? ''}
          onChange={(e) => {
            onZoom(e.target.value === '' ? {} : { rack: Number(e.target.value) })
          }}
        >
          <option value="">all</option>
          {racks.map((i) => (
            <option key={i} value={i}>
              {rackLabel(i, nodes)}
            </option>
          ))}
        </select>
      </label>
      {zoom.rack !== undefined && names && (
        <label>
          Node{' '}
          <select
            data-testid="node-select"
            value={zoom.node ?? ''}
            onChange={(e) => {
              onZoom({ rack: zoom.rack, ...(e.target.value ? { node: e.target.value } : {}) })
            }}
          >
            <option value="">none</option>
            {names
              .slice(zoom.rack * NODES_PER_RACK, (zoom.rack + 1) * NODES_PER_RACK)
              .map((name) => (
                <option key={name}>{name}</option>
              ))}
          </select>
        </label>
      )}
    </nav>
  )
})
