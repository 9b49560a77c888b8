import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { addNode, addPod, createSchedulerCache } from './cache'
import { runSchedulingCycle } from './cycle'
import { nodeFilterRecord } from './cycle-record'
import { newCycleState } from './framework/cycle-state'
import { defaultProfile } from './framework/profile'
import { lookupPlugin } from './framework/registry'
import { Code } from './framework/status'
import { makeHandle } from './testing/framework-helpers'
import { makeNode, makePod } from './testing/builders'

interface NodeSpec {
  cpu: number
  pods: number
  tainted: boolean
  zone: string
  unschedulable: boolean
  used: number[]
}
interface PodSpec {
  cpuMilli: number
  tolerates: boolean
  zone: string | undefined
  port: number | undefined
}

const nodeArb: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  pods: fc.integer({ min: 1, max: 6 }),
  tainted: fc.boolean(),
  zone: fc.constantFrom('a', 'b', 'c'),
  unschedulable: fc.boolean(),
  used: fc.array(fc.integer({ min: 100, max: 3000 }), { maxLength: 4 }),
})
const podArb: fc.Arbitrary<PodSpec> = fc.record({
  cpuMilli: fc.integer({ min: 0, max: 6000 }),
  tolerates: fc.boolean(),
  zone: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  port: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
})

function build(nodes: NodeSpec[], spec: PodSpec) {
  const cache = createSchedulerCache()
  const nodeObjs: Node[] = nodes.map((n, i) => {
    let b = makeNode(`n${i}`)
      .capacity({ cpu: n.cpu, memory: '8Gi', pods: n.pods })
      .label('zone', n.zone)
      .unschedulable(n.unschedulable)
    if (n.tainted) b = b.taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })
    return b.obj()
  })
  for (const n of nodeObjs) addNode(cache, n)
  nodes.forEach((n, i) =>
    n.used.forEach((cpu, j) =>
      addPod(
        cache,
        makePod(`u${i}-${j}`)
          .req({ cpu: `${cpu}m` })
          .hostPort(j === 0 ? 80 : 8080)
          .node(`n${i}`)
          .obj(),
      ),
    ),
  )
  let b = makePod('incoming').req({ cpu: `${spec.cpuMilli}m` })
  if (spec.tolerates) b = b.toleration({ key: 'dedicated', operator: 'Exists' })
  if (spec.zone) b = b.nodeSelector({ zone: spec.zone })
  if (spec.port) b = b.hostPort(spec.port)
  return { cache, pod: b.obj() }
}

/** Every Filter plugin of the default profile, run directly on the node: the oracle. */
function allFiltersPass(
  pod: Pod,
  cache: ReturnType<typeof createSchedulerCache>,
  nodeName: string,
): boolean {
  const info = cache.nodes[nodeName]
  if (!info) return false
  const handle = makeHandle(Object.values(cache.nodes))
  return defaultProfile().plugins.every(({ name }) => {
    const p = lookupPlugin(name)
    if (!p?.filter) return true
    const state = newCycleState()
    p.preFilter?.(state, pod, handle)
    return p.filter(state, pod, info, handle).code === Code.Success
  })
}

describe('scheduling cycle properties', () => {
  it('never picks a node where any filter fails, and picks one whenever some node fits', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 12 }),
        podArb,
        fc.nat(),
        fc.nat(),
        (nodes, spec, seed, start) => {
          const { cache, pod } = build(nodes, spec)
          const rec = runSchedulingCycle({
            pod,
            cache,
            rng: createRng(seed),
            nextStartNodeIndex: start,
          })
          const fitting = Object.keys(cache.nodes).filter((n) => allFiltersPass(pod, cache, n))
          const chosen = rec.selectedNode
          // either a node that passes every filter, or a failure only when no node fits at all
          const outcome =
            chosen === null
              ? {
                  fits: fitting.length > 0,
                  message: /^0\/\d+ nodes are available: /.test(rec.failure?.message ?? ''),
                }
              : {
                  fits:
                    allFiltersPass(pod, cache, chosen) &&
                    nodeFilterRecord(rec, chosen)?.status.code === Code.Success,
                  message: true,
                }
          expect(outcome).toEqual({ fits: chosen !== null, message: true })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('gives the same decision record for the same seed and inputs', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
        podArb,
        fc.nat(),
        (nodes, spec, seed) => {
          const a = build(nodes, spec)
          const b = build(nodes, spec)
          const ra = runSchedulingCycle({
            pod: a.pod,
            cache: a.cache,
            rng: createRng(seed),
            nextStartNodeIndex: 3,
          })
          const rb = runSchedulingCycle({
            pod: b.pod,
            cache: b.cache,
            rng: createRng(seed),
            nextStartNodeIndex: 3,
          })
          expect(rb).toEqual(ra)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('rotates the start index by the number of nodes processed (TestFairEvaluationForNodes)', () => {
    // 500 nodes, all feasible: 500 ≥ 100, adaptive 50 - 500/125 = 46% → 230 per cycle
    const cache = createSchedulerCache()
    for (let i = 0; i < 500; i++)
      addNode(cache, makeNode(`n${i}`).capacity({ cpu: '1', pods: 10 }).obj())
    let start = 0
    const starts: number[] = []
    for (let i = 0; i < 3; i++) {
      const rec = runSchedulingCycle({
        pod: makePod('p').obj(),
        cache,
        rng: createRng(i),
        nextStartNodeIndex: start,
      })
      expect(rec.evaluatedNodes).toHaveLength(230)
      start = rec.nextStartNodeIndex
      starts.push(start)
    }
    expect(starts).toEqual([230, 460, 190])
  })

  it('evaluates 50, 100, 420 and 500 nodes of 50, 100, 1000 and 5000 feasible nodes', () => {
    for (const [n, want] of [
      [50, 50],
      [100, 100],
      [1000, 420],
      [5000, 500],
    ] as const) {
      const nodeInfos = Array.from({ length: n }, (_, i) =>
        makeNode(`n${i}`).capacity({ cpu: '1', pods: 10 }).obj(),
      )
      const cache = createSchedulerCache()
      for (const node of nodeInfos) addNode(cache, node)
      const rec = runSchedulingCycle({
        pod: makePod('p').obj(),
        cache,
        rng: createRng(1),
        nextStartNodeIndex: 0,
      })
      expect([
        rec.numFeasibleNodesToFind,
        rec.evaluatedNodes.length,
        rec.scoreTable?.totals.length,
      ]).toEqual([want, want, want])
    }
  })

  it('tries the nominated node first and takes it when it fits', () => {
    const cache = createSchedulerCache()
    for (const n of ['n1', 'n2', 'n3'])
      addNode(cache, makeNode(n).capacity({ cpu: '4', pods: 10 }).obj())
    const rec = runSchedulingCycle({
      pod: makePod('p').nominatedNode('n3').obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
    })
    expect(rec.nominatedNode).toEqual({ node: 'n3', passed: true })
    expect(rec.selectedNode).toBe('n3')
    expect(rec.evaluatedNodes).toEqual(['n3'])
  })

  it('counts nominated pods of equal or higher priority as placed', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', pods: 10 }).obj())
    addNode(cache, makeNode('n2').capacity({ cpu: '2', pods: 10 }).obj())
    const nominated = makePod('waiting').req({ cpu: '3' }).priority(100).nominatedNode('n1').obj()
    const rec = runSchedulingCycle({
      pod: makePod('p').req({ cpu: '2' }).priority(10).obj(),
      cache,
      rng: createRng(1),
      nextStartNodeIndex: 0,
      nominatedPods: [nominated],
    })
    // n1 has 4 cpu but 3 are promised to the nominated pod: only n2 fits
    expect(nodeFilterRecord(rec, 'n1')?.status.reasons).toEqual(['Insufficient cpu'])
    expect(rec.selectedNode).toBe('n2')
  })
})
