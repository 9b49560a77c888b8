import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createRng } from '../core/rng'
import {
  addNode,
  addPod,
  assumePod,
  createSchedulerCache,
  forgetPod,
  isAssumedPod,
  orderedNodeNames,
  removeNode,
  removePod,
  snapshotOf,
  updatePod,
  type SchedulerCache,
} from './cache'
import { runSchedulingCycle } from './cycle'
import { addPodInfo, newNodeInfo, newPodInfo } from './framework/node-info'
import { makeNode, makePod } from './testing/builders'

describe('scheduler cache', () => {
  it('keeps requested and non-zero requested sums incrementally', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: 110 }).obj())
    addPod(cache, makePod('a').req({ cpu: '500m', memory: '1Gi' }).node('n1').obj())
    addPod(cache, makePod('b').container().node('n1').obj())
    const info = cache.nodes['n1']
    // requested: 500m + 0; non-zero: 500m + 100m default, 1Gi + 200Mi default
    expect(info?.requested.milliCpu).toBe(500)
    expect(info?.nonZeroRequested.milliCpu).toBe(600)
    expect(info?.nonZeroRequested.memoryBytes).toBe(1024 ** 3 + 200 * 1024 ** 2)
    removePod(cache, makePod('a').node('n1').obj())
    expect(info?.requested.milliCpu).toBe(0)
    expect(info?.pods.map((p) => p.key)).toEqual(['uid-b'])
  })

  it('assumes a pod, confirms it on add, and forgets an unconfirmed one', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: 110 }).obj())
    const pod = makePod('p').req({ cpu: '1' }).obj()
    expect(assumePod(cache, pod, 'n1')).toBeUndefined()
    expect(isAssumedPod(cache, pod)).toBe(true)
    expect(cache.nodes['n1']?.requested.milliCpu).toBe(1000)
    expect(assumePod(cache, pod, 'n1')).toBe("pod uid-p(p) is in the cache, so can't be assumed")
    expect(forgetPod(cache, pod)).toBeUndefined()
    expect(cache.nodes['n1']?.requested.milliCpu).toBe(0)
    assumePod(cache, pod, 'n1')
    addPod(cache, { ...pod, spec: { containers: pod.spec?.containers ?? [], nodeName: 'n1' } })
    expect(isAssumedPod(cache, pod)).toBe(false)
    expect(cache.nodes['n1']?.pods).toHaveLength(1)
  })

  it('lists nodes round-robin over zones, as nodeTree.list', () => {
    const cache = createSchedulerCache()
    const zoned = (name: string, zone: string) =>
      makeNode(name).label('topology.kubernetes.io/zone', zone).obj()
    for (const [n, z] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['a3', 'a'],
      ['b1', 'b'],
      ['c1', 'c'],
      ['c2', 'c'],
    ] as const)
      addNode(cache, zoned(n, z))
    expect(orderedNodeNames(cache)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3'])
    removeNode(cache, zoned('b1', 'b'))
    // zone b removed by swap: zones [a, c]
    expect(orderedNodeNames(cache)).toEqual(['a1', 'c1', 'a2', 'c2', 'a3'])
  })

  it("keeps a removed node's pods until they are deleted, outside the snapshot", () => {
    const cache = createSchedulerCache()
    const n = makeNode('n1').capacity({ cpu: '1', pods: 10 }).obj()
    addNode(cache, n)
    addPod(cache, makePod('a').node('n1').obj())
    removeNode(cache, n)
    expect(snapshotOf(cache).nodeInfoList).toHaveLength(0)
    expect(cache.nodes['n1']?.pods).toHaveLength(1)
    removePod(cache, makePod('a').node('n1').obj())
    expect(cache.nodes['n1']).toBeUndefined()
  })

  it('counts images per node for ImageLocality spread', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').images({ 'nginx:1': 100 }).obj())
    addNode(cache, makeNode('n2').images({ 'nginx:1': 100 }).obj())
    expect(cache.imageNumNodes['nginx:1']).toBe(2)
    removeNode(cache, makeNode('n1').obj())
    expect(cache.imageNumNodes['nginx:1']).toBe(1)
  })
})

/** The dumb oracle: NodeInfo rebuilt from scratch from the pods the cache says are on a node. */
function recomputed(cache: SchedulerCache, name: string) {
  const info = newNodeInfo(name, cache.nodes[name]?.node)
  for (const p of cache.nodes[name]?.pods ?? []) addPodInfo(info, newPodInfo(p.pod))
  return info
}

describe('scheduler cache properties', () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('schedule' as const),
      cpuMilli: fc.integer({ min: 0, max: 3000 }),
      memMi: fc.integer({ min: 0, max: 4096 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('confirm' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('forget' as const), index: fc.nat() }),
  )

  it('never overcommits allocatable cpu, memory or pods across binds and deletes, and matches a recomputation', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        (ops, seed) => {
          const cache = createSchedulerCache()
          for (let i = 0; i < 4; i++)
            addNode(cache, makeNode(`n${i}`).capacity({ cpu: '4', memory: '8Gi', pods: 5 }).obj())
          const rng = createRng(seed)
          const live: {
            pod: ReturnType<ReturnType<typeof makePod>['obj']>
            node: string
            assumed: boolean
          }[] = []
          let next = 0
          let start = 0
          for (const o of ops) {
            if (o.kind === 'schedule') {
              const pod = makePod(`p${next++}`)
                .req({ cpu: `${o.cpuMilli}m`, memory: `${o.memMi}Mi` })
                .obj()
              const rec = runSchedulingCycle({ pod, cache, rng, nextStartNodeIndex: start })
              start = rec.nextStartNodeIndex
              if (rec.selectedNode) {
                assumePod(cache, pod, rec.selectedNode)
                live.push({ pod, node: rec.selectedNode, assumed: true })
              }
            } else if (live.length > 0) {
              const i = o.index % live.length
              const entry = live[i]
              if (!entry) continue
              if (o.kind === 'delete' || (o.kind === 'forget' && entry.assumed)) {
                if (o.kind === 'delete') removePod(cache, entry.pod)
                else forgetPod(cache, entry.pod)
                live.splice(i, 1)
              } else if (o.kind === 'confirm' && entry.assumed) {
                addPod(cache, {
                  ...entry.pod,
                  spec: { containers: entry.pod.spec?.containers ?? [], nodeName: entry.node },
                })
                entry.assumed = false
              }
            }
          }
          for (const info of Object.values(cache.nodes)) {
            expect(info.requested.milliCpu).toBeLessThanOrEqual(info.allocatable.milliCpu)
            expect(info.requested.memoryBytes).toBeLessThanOrEqual(info.allocatable.memoryBytes)
            expect(info.pods.length).toBeLessThanOrEqual(info.allocatable.allowedPodNumber)
            const oracle = recomputed(cache, info.name)
            expect(info.requested).toEqual(oracle.requested)
            expect(info.nonZeroRequested).toEqual(oracle.nonZeroRequested)
          }
          expect(Object.keys(cache.podStates).length).toBe(live.length)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('updatePod replaces requests', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', pods: 10 }).obj())
    const old = makePod('a').req({ cpu: '1' }).node('n1').obj()
    addPod(cache, old)
    updatePod(cache, old, makePod('a').req({ cpu: '2' }).node('n1').obj())
    expect(cache.nodes['n1']?.requested.milliCpu).toBe(2000)
  })

  it('shares one frozen requests record between Pods asking the same, never the node sums', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: 10 }).obj())
    addPod(cache, makePod('a').req({ cpu: '250m', memory: '64Mi' }).node('n1').obj())
    addPod(cache, makePod('b').req({ cpu: '250m', memory: '64Mi' }).node('n1').obj())
    addPod(cache, makePod('c').req({ cpu: '500m', memory: '64Mi' }).node('n1').obj())
    const [a, b, c] = cache.nodes['n1']?.pods ?? []
    expect(a?.requested).toBe(b?.requested)
    expect(Object.isFrozen(a?.requested)).toBe(true)
    expect(c?.requested).not.toBe(a?.requested)
    expect(a?.hostPorts).toBe(c?.hostPorts)
    // 250m + 250m + 500m; the node's own sum record stays mutable and apart.
    expect(cache.nodes['n1']?.requested.milliCpu).toBe(1000)
    expect(cache.nodes['n1']?.requested).not.toBe(a?.requested)
  })
})

describe('checkpointing', () => {
  it('a structuredClone of cache and queue state continues exactly like the original', () => {
    const cache = createSchedulerCache()
    for (let i = 0; i < 5; i++)
      addNode(cache, makeNode(`n${i}`).capacity({ cpu: '2', memory: '4Gi', pods: 10 }).obj())
    addPod(cache, makePod('a').req({ cpu: '1' }).node('n0').obj())
    const copy = structuredClone(cache)
    const run = (c: SchedulerCache) => {
      const rec = runSchedulingCycle({
        pod: makePod('p').req({ cpu: '1500m' }).obj(),
        cache: c,
        rng: createRng(5),
        nextStartNodeIndex: 2,
      })
      if (rec.selectedNode) assumePod(c, makePod('p').req({ cpu: '1500m' }).obj(), rec.selectedNode)
      return rec
    }
    expect(run(copy)).toEqual(run(cache))
    expect(copy).toEqual(cache)
  })
})
