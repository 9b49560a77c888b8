/**
 * NodeUnschedulable: rejects nodes with spec.unschedulable unless the pod tolerates the
 * node.kubernetes.io/unschedulable:NoSchedule taint.
 * Source: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go (v1.32)
 */
import type { FilterPlugin } from '../../framework/interface'
import { Names } from '../../framework/names'
import { Code, SUCCESS, newStatus } from '../../framework/status'
import { tolerationsTolerateTaint } from '../../util/tolerations'

// ErrReasonUnknownCondition: node_unschedulable.go (v1.32)
export const ERR_REASON_UNKNOWN_CONDITION = 'node(s) had unknown conditions'
// ErrReasonUnschedulable: node_unschedulable.go (v1.32)
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable'
// v1.TaintNodeUnschedulable: staging/src/k8s.io/api/core/v1/well_known_taints.go (v1.32)
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'

export const nodeUnschedulable = {
  name: Names.NodeUnschedulable,
  filter(_state, pod, nodeInfo) {
    const node = nodeInfo.node
    if (!node) return newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNKNOWN_CONDITION)
    if (!node.spec?.unschedulable) return SUCCESS
    const tolerates = tolerationsTolerateTaint(pod.spec?.tolerations, {
      key: TAINT_NODE_UNSCHEDULABLE,
      effect: 'NoSchedule',
    })
    return tolerates
      ? SUCCESS
      : newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE)
  },
} satisfies FilterPlugin
