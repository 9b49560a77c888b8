import type { ComponentRecord } from '../../protocol/records'
import { layoutCluster } from './cluster-layout'
import { onControlPlaneMachine } from './layout-control-plane'
import { nodeNames } from './layout-nodes'

/** Worker nodes: kubelets' machines, the control plane's apart. */
export const workerNodes = (components: readonly ComponentRecord[]): number =>
  nodeNames(components.filter((c) => !onControlPlaneMachine(c))).length

// What the map is laid out for (the default cluster, every lesson's): always drawn node by node.
export const MAX_MAP_NODES = 12
// Beyond that, node by node while the whole map takes at most this many screens: the layout
// keeps text at 12 px and nodes apart by growing taller, so a bigger cluster would be a long
// scroll of boxes no one can take in. The overview (a cell per node) takes its place.
const MAX_MAP_SCREENS = 3

/** Whether the cluster map can draw every node legibly in `width` and a few `screenHeight`s. Pure. */
export function drawsEveryNode(
  components: readonly ComponentRecord[],
  width: number,
  screenHeight: number,
): boolean {
  if (workerNodes(components) <= MAX_MAP_NODES) return true
  return layoutCluster(components, { width }).height <= MAX_MAP_SCREENS * screenHeight
}
