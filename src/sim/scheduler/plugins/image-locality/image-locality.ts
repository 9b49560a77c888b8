/**
 * ImageLocality: favours nodes that already have the pod's images, scaled by how widely each
 * image is spread (so a popular image does not pull every pod to one node).
 * Source: pkg/scheduler/framework/plugins/imagelocality/image_locality.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ScorePlugin } from '../../framework/interface'
import { MAX_NODE_SCORE } from '../../framework/interface'
import { Names } from '../../framework/names'
import { normalizedImageName, type NodeInfo } from '../../framework/node-info'

// mb = 1024 * 1024: image_locality.go (v1.32)
export const MB = 1024 * 1024
// minThreshold = 23 * mb: image_locality.go (v1.32)
export const MIN_THRESHOLD = 23 * MB
// maxContainerThreshold = 1000 * mb: image_locality.go (v1.32)
export const MAX_CONTAINER_THRESHOLD = 1000 * MB

/** calculatePriority: clamp the sum to [min, max] and scale to [0, MaxNodeScore]. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers
  const sum = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold)
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
}

/** sumImageScores: per container whose image is on the node, int64(size * numNodes/total). */
export function sumImageScores(
  nodeInfo: NodeInfo,
  pod: Pod,
  totalNumNodes: number,
  imageNumNodes: Readonly<Record<string, number>>,
): number {
  let sum = 0
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
  for (const c of containers) {
    const name = normalizedImageName(c.image ?? '')
    const state = nodeInfo.imageStates[name]
    if (!state) continue
    const spread = (imageNumNodes[name] ?? 0) / totalNumNodes
    sum += Math.trunc(state.sizeBytes * spread)
  }
  return sum
}

export const imageLocality = {
  name: Names.ImageLocality,
  score(_state, pod, nodeInfo, handle) {
    const total = handle.snapshot.nodeInfoList.length
    const sum = sumImageScores(nodeInfo, pod, total, handle.snapshot.imageNumNodes)
    const numContainers =
      (pod.spec?.initContainers?.length ?? 0) + (pod.spec?.containers.length ?? 0)
    return calculatePriority(sum, numContainers)
  },
} satisfies ScorePlugin
