/**
 * NodeName: a pod with spec.nodeName fits only that node.
 * Source: pkg/scheduler/framework/plugins/nodename/node_name.go (v1.32)
 */
import type { FilterPlugin } from '../../framework/interface'
import { Names } from '../../framework/names'
import { Code, SUCCESS, newStatus } from '../../framework/status'

// ErrReason: node_name.go (v1.32)
export const ERR_REASON = "node(s) didn't match the requested node name"

export const nodeName = {
  name: Names.NodeName,
  filter(_state, pod, nodeInfo) {
    const wanted = pod.spec?.nodeName
    if (!wanted || wanted === nodeInfo.name) return SUCCESS
    return newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON)
  },
} satisfies FilterPlugin
