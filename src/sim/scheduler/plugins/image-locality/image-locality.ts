/**
 * ImageLocality: favours nodes that already have the pod's images, scaled by how widely each
 * image is spread (so a popular image does not pull every pod to one node).
 * Source: pkg/scheduler/framework/plugins/imagelocality/image_locality.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ScorePlugin } from '../../framework/interface'
import { MAX_NODE_SCORE } from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import { normalizedImageName, type NodeInfo } from '../../framework/node-info'

const IMAGES_STATE_KEY = 'Images' + Names.ImageLocality

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

/** The pod's images (init containers first), normalized as the node's image states are. */
export function podImageNames(pod: Pod): string[] {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
  return containers.map((c) => normalizedImageName(c.image ?? ''))
}

/** sumImageScores: per container whose image is on the node, int64(size * numNodes/total). */
export function sumImageScores(
  nodeInfo: NodeInfo,
  pod: Pod,
  totalNumNodes: number,
  imageNumNodes: Readonly<Record<string, number>>,
  images: readonly string[] = podImageNames(pod),
): number {
  let sum = 0
  for (const name of images) {
    const state = nodeInfo.imageStates[name]
    if (!state) continue
    const spread = (imageNumNodes[name] ?? 0) / totalNumNodes
    sum += Math.trunc(state.sizeBytes * spread)
  }
  return sum
}

export const imageLocality = {
  name: Names.ImageLocality,
  score(state, pod, nodeInfo, handle) {
    // Upstream has no PreScore here and normalizes per node; the names are the same for every
    // node, so the first Score of a cycle keeps them in the cycle state.
    let images = readState<string[]>(state, IMAGES_STATE_KEY)
    if (!images) writeState(state, IMAGES_STATE_KEY, (images = podImageNames(pod)))
    const total = handle.snapshot.nodeInfoList.length
    const sum = sumImageScores(nodeInfo, pod, total, handle.snapshot.imageNumNodes, images)
    return calculatePriority(sum, images.length)
  },
} satisfies ScorePlugin
