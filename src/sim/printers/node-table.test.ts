import type { Node } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { nodeRoles, nodeStatus, nodesToTable } from './node-table'

const makeNode = (extra: Partial<Node>): Node => ({ metadata: { name: 'n' }, ...extra })

// printNode and findNodeRoles, pkg/printers/internalversion/printers.go (v1.32)
describe('nodeStatus', () => {
  it.each<[string, Node, string]>([
    ['no Ready condition', makeNode({}), 'Unknown'],
    [
      'Ready True',
      makeNode({ status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
      'Ready',
    ],
    [
      'Ready False',
      makeNode({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
      'NotReady',
    ],
    [
      'Ready Unknown and cordoned',
      makeNode({
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
      }),
      'NotReady,SchedulingDisabled',
    ],
    [
      'cordoned, never reported',
      makeNode({ spec: { unschedulable: true } }),
      'Unknown,SchedulingDisabled',
    ],
    [
      'the last Ready condition wins',
      makeNode({
        status: {
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'MemoryPressure', status: 'False' },
            { type: 'Ready', status: 'True' },
          ],
        },
      }),
      'Ready',
    ],
  ])('%s → %s', (_name, node, text) => {
    expect(nodeStatus(node)).toBe(text)
  })
})

describe('nodeRoles', () => {
  it('sorts and de-duplicates role labels, ignoring an empty role', () => {
    const labels = {
      'node-role.kubernetes.io/worker': '',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/': '',
      'kubernetes.io/role': 'worker',
    }
    expect(nodeRoles(makeNode({ metadata: { name: 'n', labels } }))).toBe('control-plane,worker')
    expect(
      nodeRoles(makeNode({ metadata: { name: 'n', labels: { 'kubernetes.io/role': '' } } })),
    ).toBe('<none>')
  })
})

describe('nodesToTable', () => {
  it('fills unknown node info and missing addresses like the server', () => {
    const table = nodesToTable([makeNode({ metadata: { name: 'n' } })], 0)
    expect(table.rows[0]?.cells).toEqual([
      'n',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ])
  })
})
