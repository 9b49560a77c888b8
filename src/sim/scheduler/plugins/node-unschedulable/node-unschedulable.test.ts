import { describe, expect, it } from 'vitest'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { makeNodeInfo, runFilter } from '../../testing/framework-helpers'
import {
  ERR_REASON_UNSCHEDULABLE,
  TAINT_NODE_UNSCHEDULABLE,
  nodeUnschedulable,
} from './node-unschedulable'

describe('NodeUnschedulable Filter (node_unschedulable_test.go)', () => {
  const cases = [
    {
      name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)',
      unschedulable: true,
      tolerate: false,
      want: Code.UnschedulableAndUnresolvable,
    },
    {
      name: 'Schedule pod to normal node',
      unschedulable: false,
      tolerate: false,
      want: Code.Success,
    },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      unschedulable: true,
      tolerate: true,
      want: Code.Success,
    },
  ]
  it.each(cases)('$name', ({ unschedulable, tolerate, want }) => {
    const node = makeNodeInfo(makeNode('n1').unschedulable(unschedulable).obj())
    const pod = tolerate
      ? makePod('p')
          .toleration({ key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' })
          .obj()
      : makePod('p').obj()
    const s = runFilter(nodeUnschedulable, pod, node)
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual({
      code: want,
      reasons: want === Code.Success ? [] : [ERR_REASON_UNSCHEDULABLE],
    })
  })
})
