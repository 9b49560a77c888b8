import { NODE_CONDITION, type NodeCondition } from '../../protocol/scale'
import type { NodeRecord, PodRecord } from '../../protocol/records'
import type { ScaleMap } from '../../store/apply-scale'
import type { AppState } from '../../store/store'

// kubeadm labels its control-plane nodes (kubeadm constants, v1.32): the overview is of workers.
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane'

/** A node's Ready condition from kubectl's STATUS column (Ready, Ready,SchedulingDisabled …). */
function conditionOf(node: NodeRecord): NodeCondition {
  if (/^Ready\b/.test(node.status)) return NODE_CONDITION.Ready
  if (node.status.startsWith('NotReady')) return NODE_CONDITION.NotReady
  return NODE_CONDITION.Unknown
}

/**
 * The overview's figures from the store's records (a cluster streamed object by object, too big
 * to draw node by node): worker nodes in natural order, Pods bound to each, conditions. Pure.
 */
export function nodeMapOf(
  nodes: Readonly<Record<string, NodeRecord>>,
  pods: Readonly<Record<string, PodRecord>>,
  deployments: number,
): ScaleMap {
  const workers = Object.values(nodes)
    .filter((n) => n.labels[CONTROL_PLANE_LABEL] === undefined)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  const index = new Map(workers.map((n, i) => [n.name, i]))
  const perNode = workers.map(() => 0)
  let running = 0
  let pending = 0
  let systemPods = 0
  const all = Object.values(pods)
  for (const pod of all) {
    if (pod.namespace === 'kube-system') systemPods++
    else if (pod.phase === 'Running') running++
    else if (pod.node === '') pending++
    const i = index.get(pod.node)
    if (i !== undefined) perNode[i] = (perNode[i] ?? 0) + 1
  }
  return {
    names: workers.map((n) => n.name),
    pods: perNode,
    conditions: workers.map(conditionOf),
    totals: {
      nodes: workers.length,
      podsAsked: all.length - systemPods,
      pods: all.length - systemPods,
      systemPods,
      running,
      pending,
      deployments,
    },
  }
}

let last: { nodes: unknown; pods: unknown; deployments: unknown; map: ScaleMap } | undefined

/** Scale mode's aggregates, or the same figures from the records (recomputed when they change). */
export function selectNodeMap(state: AppState): ScaleMap {
  if (state.scaleMap) return state.scaleMap
  const { nodes, pods, deployments } = state
  if (last?.nodes !== nodes || last.pods !== pods || last.deployments !== deployments)
    last = {
      nodes,
      pods,
      deployments,
      map: nodeMapOf(nodes, pods, Object.keys(deployments).length),
    }
  return last.map
}
