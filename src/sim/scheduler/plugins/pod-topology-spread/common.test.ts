import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import {
  addNode,
  addPod,
  createSchedulerCache,
  removeNode,
  removePod,
  updatePod,
} from '../../cache'
import { makeNode, makePod } from '../../testing/builders'
import {
  countNodePodsMatchSelector,
  countPodsMatchSelector,
  selectorCountKey,
  selectorCounts,
} from './common'

const NODES = ['node-a', 'node-b', 'node-c']
const SELECTORS: LabelSelector[] = [
  { matchLabels: { app: 'web' } },
  { matchLabels: { app: 'db' } },
  { matchLabels: { app: 'web', tier: 'front' } },
  { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] },
  {},
]

/** One change the scheduler's informer can make to a pod. */
const op = fc.record({
  pod: fc.integer({ min: 0, max: 7 }),
  kind: fc.constantFrom('add', 'update', 'remove'),
  node: fc.constantFrom(...NODES),
  app: fc.constantFrom('web', 'db', 'cache'),
  tier: fc.option(fc.constant('front'), { nil: undefined }),
  namespace: fc.constantFrom('default', 'other'),
  terminating: fc.boolean(),
})

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

function podOf(o: Op, node: string): Pod {
  let b = makePod(`p${o.pod}`).namespace(o.namespace).label('app', o.app).node(node)
  if (o.tier) b = b.label('tier', o.tier)
  const pod = b.obj()
  if (o.terminating) return { ...pod, metadata: { ...pod.metadata, deletionTimestamp: 't' } }
  return pod
}

describe('PodTopologySpread per-node match counts', () => {
  it('agree with a full count of the node’s pods after any sequence of pod adds, updates and removes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const cache = createSchedulerCache()
        for (const name of NODES) addNode(cache, makeNode(name).obj())
        const placed = new Map<number, Pod>()
        for (const o of ops) {
          const old = placed.get(o.pod)
          if (o.kind === 'remove') {
            if (old) removePod(cache, old)
            placed.delete(o.pod)
          } else {
            // A bound pod keeps its node; an update changes its labels, namespace or deletion.
            const next = podOf(o, old?.spec?.nodeName ?? o.node)
            if (old && o.kind === 'update') updatePod(cache, old, next)
            else if (!old) addPod(cache, next)
            else continue
            placed.set(o.pod, next)
          }
          for (const name of NODES) {
            const info = cache.nodes[name]
            if (!info) throw new Error(`no NodeInfo for ${name}`)
            for (const selector of SELECTORS) {
              for (const namespace of ['default', 'other']) {
                const memo = selectorCounts(cache.nodes, selectorCountKey(selector, namespace))
                expect(countNodePodsMatchSelector(memo, info, selector, namespace)).toBe(
                  countPodsMatchSelector(info.pods, selector, namespace),
                )
              }
            }
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('recount a node removed and added again, though its new NodeInfo reaches the same generation', () => {
    const cache = createSchedulerCache()
    const node = makeNode('node-a').obj()
    const web = makePod('web').label('app', 'web').node('node-a').obj()
    const db = makePod('db').label('app', 'db').node('node-a').obj()
    const selector = { matchLabels: { app: 'web' } }
    const memo = selectorCounts(cache.nodes, selectorCountKey(selector, 'default'))
    addNode(cache, node)
    addPod(cache, web)
    const before = cache.nodes['node-a']
    if (!before) throw new Error('no NodeInfo')
    expect(countNodePodsMatchSelector(memo, before, selector, 'default')).toBe(1)
    const countedAt = before.generation
    removePod(cache, web)
    removeNode(cache, node)
    addNode(cache, node)
    addPod(cache, db)
    const after = cache.nodes['node-a']
    if (!after) throw new Error('no NodeInfo')
    expect([after === before, after.generation, after.pods.length]).toEqual([false, countedAt, 1])
    expect(countNodePodsMatchSelector(memo, after, selector, 'default')).toBe(0)
  })
})
