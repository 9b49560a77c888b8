import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { addNode, addPod, createSchedulerCache, removePod, updatePod } from '../../cache'
import { makeNode, makePod } from '../../testing/builders'
import { countNodePodsMatchSelector, countPodsMatchSelector } from './common'

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
                expect(countNodePodsMatchSelector(info, selector, namespace)).toBe(
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
})
