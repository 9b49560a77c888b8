import { useCallback, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../../app/app-context'
import { NODES_PER_RACK, rackLabel } from '../../viz/rack-layout'
import { ZoomNav } from './ZoomNav'
import { NodePods } from './NodePods'
import { requestScaleView } from './request-scale-view'
import { ScaleCanvas } from './ScaleCanvas'
import { ScaleLegend } from './ScaleLegend'
import { selectNodeMap } from '../../viz/node-map'
import './scale-view.css'

export interface Zoom {
  rack?: number | undefined
  node?: string | undefined
}

// One formatter for every figure (toLocaleString builds one per call, several times a frame).
const FORMAT = new Intl.NumberFormat('en')
const n = (value: number) => FORMAT.format(value)
const HEADING_ID = 'scale-heading'

/**
 * Scale mode's stage (?scale=1): every node at once on a canvas (racks of 100, coloured by the
 * Ready condition, filled by Pods), then one rack, then one node's Pods. The worker sends
 * per-node aggregates, never every Pod, so this stays cheap at 5,000 nodes and 150,000 Pods.
 */
export function ScaleOverview() {
  const services = useServices()
  const [zoom, setZoomState] = useState<Zoom>({})
  const scaleRun = useAppState((s) => s.scaleRun !== undefined)
  const totals = useAppState(
    useShallow((s) => (s.scaleMap || !scaleRun ? selectNodeMap(s).totals : undefined)),
  )
  const names = useAppState((s) => selectNodeMap(s).names)
  const nodes = totals?.nodes ?? 0
  // Stable handlers: the heading changes every frame, the zoom controls and the canvas do not.
  const setZoom = useCallback(
    (next: Zoom) => {
      setZoomState(next)
      requestScaleView(services, { node: next.node ?? null })
    },
    [services],
  )
  const onRack = useCallback(
    (rack: number) => {
      setZoom({ rack })
    },
    [setZoom],
  )
  const onNode = useCallback(
    (node: string) => {
      setZoom({ rack: Math.floor(names.indexOf(node) / NODES_PER_RACK), node })
    },
    [setZoom, names],
  )
  const pods = scaleRun
    ? `${n(totals?.pods ?? 0)} of ${n(totals?.podsAsked ?? 0)}`
    : n(totals?.pods ?? 0)
  const heading = totals
    ? `${n(totals.nodes)} worker nodes · ${pods} Pods (${n(totals.running)} Running, ${n(totals.pending)} Pending) · ${n(totals.deployments)} ${totals.deployments === 1 ? 'Deployment' : 'Deployments'} · ${n(totals.systemPods)} system Pods`
    : 'Scale mode: booting the cluster…'
  return (
    <div className="scale-overview" data-testid="scale-overview">
      <h2 className="scale-heading" id={HEADING_ID} data-testid="scale-heading">
        {heading}
      </h2>
      <ZoomNav zoom={zoom} nodes={nodes} names={names} onZoom={setZoom} />
      <ScaleLegend />
      {zoom.node !== undefined ? (
        <NodePods node={zoom.node} />
      ) : (
        <ScaleCanvas
          nodes={nodes}
          rack={zoom.rack}
          label={
            zoom.rack === undefined
              ? 'Every node as a cell, in racks of 100; pick a rack to zoom in.'
              : `The nodes ${rackLabel(zoom.rack, nodes)}, with their Pods; pick a node to see its Pods.`
          }
          describedBy={HEADING_ID}
          onRack={onRack}
          onNode={onNode}
        />
      )}
    </div>
  )
}
