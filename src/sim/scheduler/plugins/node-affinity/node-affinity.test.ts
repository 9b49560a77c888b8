import { describe, expect, it } from 'vitest'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeNodeInfo, runFilter, runScore } from '../../testing/framework-helpers'
import { newCycleState } from '../../framework/cycle-state'
import { nodeAffinity, ERR_REASON_POD } from './node-affinity'

const node = (name: string, labels: Record<string, string> = {}) => {
  let b = makeNode(name).capacity({ cpu: '1', memory: '1Gi', pods: 10 })
  for (const [k, v] of Object.entries(labels)) b = b.label(k, v)
  return makeNodeInfo(b.obj())
}

describe('NodeAffinity Filter (node_affinity_test.go)', () => {
  const cases = [
    { name: 'no selector', pod: makePod('p').obj(), labels: {}, ok: true },
    {
      name: 'missing labels',
      pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(),
      labels: {},
      ok: false,
    },
    {
      name: 'same labels',
      pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(),
      labels: { foo: 'bar' },
      ok: true,
    },
    {
      name: 'node labels are superset',
      pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(),
      labels: { foo: 'bar', baz: 'blah' },
      ok: true,
    },
    {
      name: 'node labels are subset',
      pod: makePod('p').nodeSelector({ foo: 'bar', baz: 'blah' }).obj(),
      labels: { foo: 'bar' },
      ok: false,
    },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      pod: makePod('p').nodeAffinityIn('foo', ['bar', 'value2']).obj(),
      labels: { foo: 'bar' },
      ok: true,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      pod: makePod('p').nodeAffinityIn('kernel-version', ['0204'], 'Gt').obj(),
      labels: { 'kernel-version': '0206' },
      ok: true,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      pod: makePod('p').nodeAffinityIn('mem-type', ['DDR', 'DDR2'], 'NotIn').obj(),
      labels: { 'mem-type': 'DDR3' },
      ok: true,
    },
    {
      name: "Pod with matchExpressions using Exists operator that doesn't match the existing node",
      pod: makePod('p').nodeAffinityIn('foo', [], 'Exists').obj(),
      labels: { bar: 'x' },
      ok: false,
    },
    {
      name: 'Pod with two terms: one matches (terms are ORed)',
      pod: makePod('p').nodeAffinityIn('foo', ['x']).nodeAffinityIn('bar', ['y']).obj(),
      labels: { bar: 'y' },
      ok: true,
    },
    {
      name: 'nodeSelector and affinity both must match',
      pod: makePod('p').nodeSelector({ foo: 'bar' }).nodeAffinityIn('zone', ['a']).obj(),
      labels: { foo: 'bar', zone: 'b' },
      ok: false,
    },
  ]
  it.each(cases)('$name', ({ pod, labels, ok }) => {
    const s = runFilter(nodeAffinity, pod, node('n1', labels))
    const want = ok
      ? { code: Code.Success, reasons: [] }
      : { code: Code.UnschedulableAndUnresolvable, reasons: [ERR_REASON_POD] }
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual(want)
  })

  it('PreFilter skips a pod without selector or required affinity', () => {
    const r = nodeAffinity.preFilter(newCycleState(), makePod('p').obj())
    expect(r.status.code).toBe(Code.Skip)
  })

  it('PreFilter narrows to matchFields metadata.name In nodes', () => {
    const pod = makePod('p').obj()
    pod.spec = {
      containers: [],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2', 'n1'] }] },
            ],
          },
        },
      },
    }
    const r = nodeAffinity.preFilter(newCycleState(), pod)
    expect(r.result?.nodeNames).toEqual(['n1', 'n2'])
  })
})

describe('NodeAffinity Score (node_affinity_test.go)', () => {
  it('all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
    // terms: weight 2 foo=bar; weight 4 key=value; weight 5 foo=bar & key=value & az=az1
    // raw: node1 {foo:bar} = 2; node2 {key:value} = 4; node5 all three labels = 2 + 4 + 5 = 11
    // normalize (max 11): node1 100*2/11 = 18, node2 100*4/11 = 36, node5 100*11/11 = 100
    const pod = makePod('p')
      .preferredNodeAffinity(2, [{ key: 'foo', operator: 'In', values: ['bar'] }])
      .preferredNodeAffinity(4, [{ key: 'key', operator: 'In', values: ['value'] }])
      .preferredNodeAffinity(5, [
        { key: 'foo', operator: 'In', values: ['bar'] },
        { key: 'key', operator: 'In', values: ['value'] },
        { key: 'az', operator: 'In', values: ['az1'] },
      ])
      .obj()
    const nodes = [
      node('node1', { foo: 'bar' }),
      node('node5', { foo: 'bar', key: 'value', az: 'az1' }),
      node('node2', { key: 'value' }),
    ]
    const { raw, normalized } = runScore(nodeAffinity, pod, nodes)
    expect(byName(raw)).toEqual({ node1: 2, node5: 11, node2: 4 })
    expect(byName(normalized)).toEqual({ node1: 18, node5: 100, node2: 36 })
  })

  it('all nodes are same priority as NodeAffinity is nil (PreScore skips)', () => {
    const { preScore } = runScore(nodeAffinity, makePod('p').obj(), [node('node1')])
    expect(preScore?.code).toBe(Code.Skip)
  })
})
