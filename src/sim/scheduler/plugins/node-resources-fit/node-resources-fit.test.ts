import { describe, expect, it } from 'vitest'
import { defaultProfile, type Profile } from '../../framework/profile'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeNodeInfo, runFilter, runScore } from '../../testing/framework-helpers'
import { nodeResourcesFit } from './node-resources-fit'

function withStrategy(
  strategy: Profile['pluginArgs']['NodeResourcesFit']['scoringStrategy'],
): Profile {
  const p = defaultProfile()
  p.pluginArgs.NodeResourcesFit.scoringStrategy = strategy
  return p
}

const node = (name: string, cpu: string, memory: string, pods = 110) =>
  makeNode(name).capacity({ cpu, memory, pods }).obj()

describe('NodeResourcesFit Filter (fit_test.go)', () => {
  const cases = [
    {
      // 1 cpu requested; node 10 cpu with 9 used: 10 - 9 = 1 >= 1, fits.
      name: 'fits exactly',
      pod: makePod('p').req({ cpu: '1', memory: '1' }).obj(),
      used: [makePod('u').req({ cpu: '9', memory: '19' }).obj()],
      want: { code: Code.Success, reasons: [] },
    },
    {
      // 2 cpu requested; 10 - 9 = 1 < 2: Insufficient cpu only.
      name: 'too much cpu',
      pod: makePod('p').req({ cpu: '2', memory: '1' }).obj(),
      used: [makePod('u').req({ cpu: '9', memory: '19' }).obj()],
      want: { code: Code.Unschedulable, reasons: ['Insufficient cpu'] },
    },
    {
      // cpu 10 - 5 = 5 < 6 and memory 20 - 19 = 1 < 2: both reasons, cpu first.
      name: 'too much cpu and memory',
      pod: makePod('p').req({ cpu: '6', memory: '2' }).obj(),
      used: [makePod('u').req({ cpu: '5', memory: '19' }).obj()],
      want: { code: Code.Unschedulable, reasons: ['Insufficient cpu', 'Insufficient memory'] },
    },
    {
      // init container 3 cpu > 10 - 8 = 2, even though the app container asks 1.
      name: 'init container is the max',
      pod: makePod('p').req({ cpu: '1' }).initReq({ cpu: '3' }).obj(),
      used: [makePod('u').req({ cpu: '8' }).obj()],
      want: { code: Code.Unschedulable, reasons: ['Insufficient cpu'] },
    },
    {
      // an extended resource the node does not have: 1 > 0 - 0.
      name: 'extended resource missing',
      pod: makePod('p').req({ 'example.com/gpu': 1 }).obj(),
      used: [],
      want: { code: Code.Unschedulable, reasons: ['Insufficient example.com/gpu'] },
    },
  ]
  it.each(cases)('$name', ({ pod, used, want }) => {
    const info = makeNodeInfo(node('n1', '10', '20'), ...used)
    const s = runFilter(nodeResourcesFit, pod, info)
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual(want)
  })

  it('counts pods even for a pod without requests ("Too many pods")', () => {
    // allowed pods 1, 1 existing: 1 + 1 > 1.
    const info = makeNodeInfo(node('n1', '10', '20', 1), makePod('u').obj())
    const s = runFilter(nodeResourcesFit, makePod('p').obj(), info)
    expect(s.reasons).toEqual(['Too many pods'])
  })
})

describe('NodeResourcesFit LeastAllocated (least_allocated_test.go)', () => {
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // requested cpu 1+2 = 3, memory 2000+3000 = 5000
    // node1 cpu ((4 - 3) * 100) / 4 = 25, memory ((10000 - 5000) * 100) / 10000 = 50 → (25 + 50) / 2 = 37
    // node2 cpu ((6 - 3) * 100) / 6 = 50, memory 50 → 50
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const nodes = [
      makeNodeInfo(node('node1', '4', '10000')),
      makeNodeInfo(node('node2', '6', '10000')),
    ]
    expect(byName(runScore(nodeResourcesFit, pod, nodes).normalized)).toEqual({
      node1: 37,
      node2: 50,
    })
  })

  it('resources requested, pods scheduled with resources', () => {
    // node1 has 3 cpu / 0 memory used + pod 3 cpu / 5000 → cpu ((10 - 6) * 100) / 10 = 40,
    //   memory ((20000 - 5000) * 100) / 20000 = 75 → (40 + 75) / 2 = 57
    // node2 has 3 cpu / 5000 used → cpu 40, memory ((20000 - 10000) * 100) / 20000 = 50 → 45
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const used1 = makePod('a').req({ cpu: '1', memory: '0' }).req({ cpu: '2', memory: '0' }).obj()
    const used2 = makePod('b')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const nodes = [
      makeNodeInfo(node('node1', '10', '20000'), used1),
      makeNodeInfo(node('node2', '10', '20000'), used2),
    ]
    expect(byName(runScore(nodeResourcesFit, pod, nodes).normalized)).toEqual({
      node1: 57,
      node2: 45,
    })
  })

  it('applies the 100m / 200Mi non-zero defaults when scoring a pod without requests', () => {
    // pod: one container without requests → cpu 100m, memory 200Mi = 209715200
    // node 1 cpu, 1Gi (1073741824): cpu ((1000 - 100) * 100) / 1000 = 90,
    //   memory ((1073741824 - 209715200) * 100) / 1073741824 = 80.46 → 80; (90 + 80) / 2 = 85
    const pod = makePod('p').container().obj()
    const nodes = [makeNodeInfo(node('n1', '1', '1Gi'))]
    expect(byName(runScore(nodeResourcesFit, pod, nodes).normalized)).toEqual({ n1: 85 })
  })

  it('an explicit zero request stays zero', () => {
    // cpu 0 → ((1000 - 0) * 100) / 1000 = 100; memory 0 → 100
    const pod = makePod('p').req({ cpu: '0', memory: '0' }).obj()
    expect(
      byName(runScore(nodeResourcesFit, pod, [makeNodeInfo(node('n1', '1', '1Gi'))]).normalized),
    ).toEqual({ n1: 100 })
  })
})

describe('NodeResourcesFit MostAllocated (most_allocated_test.go)', () => {
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // node1 cpu (3 * 100) / 4 = 75, memory (5000 * 100) / 10000 = 50 → (75 + 50) / 2 = 62
    // node2 cpu (3 * 100) / 6 = 50, memory 50 → 50
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const nodes = [
      makeNodeInfo(node('node1', '4', '10000')),
      makeNodeInfo(node('node2', '6', '10000')),
    ]
    const profile = withStrategy({
      type: 'MostAllocated',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    })
    expect(byName(runScore(nodeResourcesFit, pod, nodes, profile).normalized)).toEqual({
      node1: 62,
      node2: 50,
    })
  })

  it('caps requested at capacity', () => {
    // node cpu 4 used 6 → min(6, 4) * 100 / 4 = 100; memory (0 * 100) / 10000 = 0 → 50
    const pod = makePod('p').req({ cpu: '6', memory: '0' }).obj()
    const profile = withStrategy({
      type: 'MostAllocated',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    })
    expect(
      byName(
        runScore(nodeResourcesFit, pod, [makeNodeInfo(node('n1', '4', '10000'))], profile)
          .normalized,
      ),
    ).toEqual({ n1: 50 })
  })
})

describe('NodeResourcesFit RequestedToCapacityRatio (requested_to_capacity_ratio_test.go)', () => {
  // shape {0, 10}, {100, 0}: scaled scores 100 → 0 (a least-allocated curve)
  const profile = withStrategy({
    type: 'RequestedToCapacityRatio',
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    requestedToCapacityRatio: {
      shape: [
        { utilization: 0, score: 10 },
        { utilization: 100, score: 0 },
      ],
    },
  })
  it('nothing scheduled, nothing requested', () => {
    // both resources utilization 0 → 100; round((100 + 100) / 2) = 100
    const pod = makePod('p').req({ cpu: '0', memory: '0' }).obj()
    const nodes = [
      makeNodeInfo(node('node1', '4', '10000')),
      makeNodeInfo(node('node2', '4', '10000')),
    ]
    expect(byName(runScore(nodeResourcesFit, pod, nodes, profile).normalized)).toEqual({
      node1: 100,
      node2: 100,
    })
  })
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // node1 cpu u = 3*100/4 = 75 → 100 + (0 - 100) * 75 / 100 = 25; memory u = 50 → 50; round(75 / 2) = 38
    // node2 cpu u = 3*100/6 = 50 → 50; memory 50 → 50; 50
    const pod = makePod('p').req({ cpu: '3', memory: '5000' }).obj()
    const nodes = [
      makeNodeInfo(node('node1', '4', '10000')),
      makeNodeInfo(node('node2', '6', '10000')),
    ]
    expect(byName(runScore(nodeResourcesFit, pod, nodes, profile).normalized)).toEqual({
      node1: 38,
      node2: 50,
    })
  })
})
