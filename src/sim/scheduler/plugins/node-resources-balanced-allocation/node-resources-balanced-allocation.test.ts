import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeNodeInfo, runScore } from '../../testing/framework-helpers'
import {
  balancedResourceScorer,
  nodeResourcesBalancedAllocation,
} from './node-resources-balanced-allocation'

const node = (name: string, cpu: string, memory: string) =>
  makeNode(name).capacity({ cpu, memory, pods: 110 }).obj()

describe('NodeResourcesBalancedAllocation (balanced_allocation_test.go)', () => {
  it('nothing scheduled, resources requested, differently sized nodes', () => {
    // node1 cpu 3/4 = 0.75, memory 5000/10000 = 0.5 → std |0.75 - 0.5| / 2 = 0.125 → (1 - 0.125) * 100 = 87
    // node2 cpu 3/6 = 0.5, memory 0.5 → std 0 → 100
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const nodes = [
      makeNodeInfo(node('node1', '4', '10000')),
      makeNodeInfo(node('node2', '6', '10000')),
    ]
    expect(byName(runScore(nodeResourcesBalancedAllocation, pod, nodes).normalized)).toEqual({
      node1: 87,
      node2: 100,
    })
  })

  it('resources requested, pods scheduled with resources', () => {
    // node1 has 3 cpu / 0 memory used; pod 3 cpu / 5000:
    //   cpu 6/10 = 0.6, memory 5000/20000 = 0.25 → std 0.175 → 82.5 → 82
    // node2 has 3 cpu / 5000 used: cpu 0.6, memory 10000/20000 = 0.5 → std 0.05 → 95
    const pod = makePod('p')
      .req({ cpu: '1', memory: '2000' })
      .req({ cpu: '2', memory: '3000' })
      .obj()
    const used1 = makePod('a').req({ cpu: '3', memory: '0' }).obj()
    const used2 = makePod('b').req({ cpu: '3', memory: '5000' }).obj()
    const nodes = [
      makeNodeInfo(node('node1', '10', '20000'), used1),
      makeNodeInfo(node('node2', '10', '20000'), used2),
    ]
    expect(byName(runScore(nodeResourcesBalancedAllocation, pod, nodes).normalized)).toEqual({
      node1: 82,
      node2: 95,
    })
  })

  it('uses actual requests: a pod without requests adds nothing', () => {
    // node has 1 cpu of 4 used, memory 0 of 10000: 0.25 vs 0 → std 0.125 → 87
    const nodes = [makeNodeInfo(node('n1', '4', '10000'), makePod('u').req({ cpu: '1' }).obj())]
    expect(
      byName(
        runScore(nodeResourcesBalancedAllocation, makePod('p').container().obj(), nodes).normalized,
      ),
    ).toEqual({ n1: 87 })
  })

  it('fractions are capped at 1 and three resources use the population std', () => {
    // fractions 1 (capped from 2), 0.5, 0 → mean 0.5; std sqrt((0.25 + 0 + 0.25) / 3) = 0.408 → 59.17 → 59
    expect(balancedResourceScorer([8, 5, 0], [4, 10, 7])).toBe(59)
  })
})
