import { describe, expect, it } from 'vitest'
import type { DecisionRecord, NodeRecord } from '../../protocol/records'
import { explainPending } from './why-pending'

const MI = 2 ** 20
const decision = (partial: Partial<DecisionRecord>): DecisionRecord =>
  ({
    pod: 'default/big',
    numAllNodes: 3,
    priority: 0,
    requests: { milliCpu: 6000, memoryBytes: 256 * MI },
    largestFree: { milliCpu: 3500, memoryBytes: 4096 * MI, pods: 100 },
    largestAllocatable: { milliCpu: 4000, memoryBytes: 8192 * MI },
    nodeSelector: {},
    reasons: [],
    preFilterRejections: [],
    selectedNode: null,
    ...partial,
  }) as DecisionRecord
const node = (name: string, taints: string[]): NodeRecord => ({ name, taints }) as NodeRecord

describe('explainPending', () => {
  it('Insufficient cpu: the request, the most free, and that nothing but a smaller request helps', () => {
    const why = explainPending(
      decision({
        reasons: [
          {
            reason: 'Insufficient cpu',
            plugin: 'NodeResourcesFit',
            count: 3,
            nodes: ['node-1', 'node-2', 'node-3'],
          },
        ],
      }),
      {},
    )
    expect(why.groups[0]?.plain).toBe(
      '3 node(s) do not have enough free CPU: the Pod requests 6, and the most any node has free is 3500m.',
    )
    expect(why.groups[0]?.fixes.map((f) => f.text)).toContain(
      'No node has that much cpu even when empty: deleting Pods or preemption cannot help.',
    )
    expect(why.groups[0]?.fixes.map((f) => f.text)).not.toContain(
      'Free room: delete or scale down other Pods on these nodes.',
    )
    // 6 cpu > every node's 4 allocatable: raising priority would not help either.
    expect(why.general).toEqual([])
  })

  it('suggests priority (preemption) only when the request fits some node', () => {
    const why = explainPending(
      decision({
        requests: { milliCpu: 3800, memoryBytes: 0 },
        reasons: [{ reason: 'Insufficient cpu', plugin: 'NodeResourcesFit', count: 3, nodes: [] }],
      }),
      {},
    )
    expect(why.general[0]?.text).toMatch(/^Raise the Pod’s priority/)
  })

  it('an untolerated taint: the toleration to add (with the effect from the node) and the untaint command', () => {
    const why = explainPending(
      decision({
        reasons: [
          {
            reason: 'node(s) had untolerated taint {dedicated: gpu}',
            plugin: 'TaintToleration',
            count: 1,
            nodes: ['node-2'],
          },
        ],
      }),
      { 'node-2': node('node-2', ['dedicated=gpu:NoExecute']) },
    )
    const fixes = why.groups[0]?.fixes ?? []
    expect(fixes[0]?.snippet).toBe(
      'tolerations:\n- key: dedicated\n  operator: Equal\n  value: gpu\n  effect: NoExecute',
    )
    expect(fixes[1]?.command).toBe('taint nodes node-2 dedicated:NoExecute-')
  })

  it('cordoned nodes: uncordon; a nodeSelector: label a node with it', () => {
    const why = explainPending(
      decision({
        nodeSelector: { disk: 'ssd' },
        reasons: [
          {
            reason: 'node(s) were unschedulable',
            plugin: 'NodeUnschedulable',
            count: 1,
            nodes: ['node-1'],
          },
          {
            reason: "node(s) didn't match Pod's node affinity/selector",
            plugin: 'NodeAffinity',
            count: 2,
            nodes: ['node-2', 'node-3'],
          },
        ],
      }),
      {},
    )
    expect(why.groups[0]?.fixes[0]?.command).toBe('uncordon node-1')
    expect(why.groups[1]?.plain).toBe(
      '2 node(s) lack the labels the Pod asks for (nodeSelector disk=ssd).',
    )
    expect(why.groups[1]?.fixes[0]?.command).toBe('label nodes node-2 disk=ssd')
  })
})
