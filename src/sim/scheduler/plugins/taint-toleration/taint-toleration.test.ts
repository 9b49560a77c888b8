import { describe, expect, it } from 'vitest'
import type { Taint, Toleration } from 'kubernetes-types/core/v1'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeNodeInfo, runFilter, runScore } from '../../testing/framework-helpers'
import { taintToleration } from './taint-toleration'

const nodeWith = (name: string, ...taints: Taint[]) => {
  let b = makeNode(name).capacity({ cpu: '1', memory: '1Gi', pods: 10 })
  for (const t of taints) b = b.taint(t)
  return makeNodeInfo(b.obj())
}
const podWith = (...tolerations: Toleration[]) => {
  let b = makePod('p')
  for (const t of tolerations) b = b.toleration(t)
  return b.obj()
}

describe('TaintToleration Filter (taint_toleration_test.go)', () => {
  const cases = [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      pod: podWith(),
      node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: {
        code: Code.UnschedulableAndUnresolvable,
        reasons: ['node(s) had untolerated taint {dedicated: user1}'],
      },
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWith({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: { code: Code.Success, reasons: [] },
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      pod: podWith({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }),
      node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: {
        code: Code.UnschedulableAndUnresolvable,
        reasons: ['node(s) had untolerated taint {dedicated: user1}'],
      },
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWith({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }),
      node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: { code: Code.Success, reasons: [] },
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      pod: podWith({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: {
        code: Code.UnschedulableAndUnresolvable,
        reasons: ['node(s) had untolerated taint {foo: bar}'],
      },
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      pod: podWith({ key: 'foo', operator: 'Equal', value: 'bar' }),
      node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: { code: Code.Success, reasons: [] },
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      pod: podWith({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }),
      node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }),
      want: { code: Code.Success, reasons: [] },
    },
    {
      name: 'an empty taint value prints as {key: }',
      pod: podWith(),
      node: nodeWith('n', { key: 'gpu', effect: 'NoExecute' }),
      want: {
        code: Code.UnschedulableAndUnresolvable,
        reasons: ['node(s) had untolerated taint {gpu: }'],
      },
    },
  ]
  it.each(cases)('$name', ({ pod, node, want }) => {
    const s = runFilter(taintToleration, pod, node)
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual(want)
  })
})

describe('TaintToleration Score (taint_toleration_test.go)', () => {
  it('node with taints tolerated by the pod, gets a higher score than those node with intolerable taints', () => {
    // node1: foo=bar tolerated → count 0; node2: foo=blah not tolerated → count 1
    // normalize reverse, max 1: node1 100 - 100*0/1 = 100, node2 100 - 100*1/1 = 0
    const pod = podWith({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' })
    const nodes = [
      nodeWith('nodeA', { key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }),
      nodeWith('nodeB', { key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }),
    ]
    expect(byName(runScore(taintToleration, pod, nodes).normalized)).toEqual({
      nodeA: 100,
      nodeB: 0,
    })
  })

  it('the count of taints that are tolerated by pod, does not matter', () => {
    // every taint tolerated → all counts 0 → reverse with max 0 gives 100 to every node
    const pod = podWith(
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    )
    const nodes = [
      nodeWith('nodeA'),
      nodeWith('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }),
      nodeWith(
        'nodeC',
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ),
    ]
    expect(byName(runScore(taintToleration, pod, nodes).normalized)).toEqual({
      nodeA: 100,
      nodeB: 100,
      nodeC: 100,
    })
  })

  it('the count of taints on a node that are not tolerated by pod, matters', () => {
    // counts: nodeA 0, nodeB 1, nodeC 2; max 2
    // nodeA 100 - 100*0/2 = 100; nodeB 100 - 100*1/2 = 50; nodeC 100 - 100*2/2 = 0
    const pod = podWith({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' })
    const nodes = [
      nodeWith('nodeA'),
      nodeWith('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }),
      nodeWith(
        'nodeC',
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ),
    ]
    expect(byName(runScore(taintToleration, pod, nodes).normalized)).toEqual({
      nodeA: 100,
      nodeB: 50,
      nodeC: 0,
    })
  })

  it('taints on node with taints not effecting (NoSchedule is not scored)', () => {
    // nodeA PreferNoSchedule foo=bar tolerated → 0; nodeB NoSchedule → not counted → 0; all 100
    const pod = podWith({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' })
    const nodes = [
      nodeWith('nodeA', { key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }),
      nodeWith('nodeB'),
    ]
    expect(byName(runScore(taintToleration, pod, nodes).normalized)).toEqual({
      nodeA: 100,
      nodeB: 100,
    })
  })
})
