import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import {
  addNode,
  addPod,
  createSchedulerCache,
  removeNode,
  removePod,
  snapshotOf,
  updatePod,
  type SchedulerCache,
} from '../../cache'
import { makeNode, makePod } from '../../testing/builders'
import { countPodsMatchSelector, type SpreadConstraint } from './common'
import { domainTotals } from './domain-counts'

const NODES = ['node-a', 'node-b', 'node-c', 'node-d']
const ZONE = 'topology.kubernetes.io/zone'

function constraint(topologyKey: string, app: string): SpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    selector: { matchLabels: { app } },
    minDomains: 1,
    nodeAffinityPolicy: 'Honor',
    nodeTaintsPolicy: 'Ignore',
  }
}
const BY_ZONE = [constraint(ZONE, 'web'), constraint(ZONE, 'db'), constraint('rack', 'web')]

/** Domains with matching pods; a domain absent and a domain with 0 read the same to PreScore. */
function nonZero(totals: ReadonlyMap<string, number> | undefined): Record<string, number> {
  return Object.fromEntries([...(totals ?? new Map<string, number>())].filter(([, n]) => n !== 0))
}

/** The oracle: PreScore's node-by-node count over the snapshot (scoring.go processAllNode). */
function fullTotals(
  cache: SchedulerCache,
  c: SpreadConstraint,
  requireAllOf: readonly SpreadConstraint[] | undefined,
): Map<string, number> {
  const totals = new Map<string, number>()
  for (const info of snapshotOf(cache).nodeInfoList) {
    const labels = info.node?.metadata?.labels ?? {}
    if (requireAllOf?.some((r) => !(r.topologyKey in labels))) continue
    const value = labels[c.topologyKey] ?? ''
    const count = countPodsMatchSelector(info.pods, c.selector, 'default')
    totals.set(value, (totals.get(value) ?? 0) + count)
  }
  return totals
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('pod' as const),
    pod: fc.integer({ min: 0, max: 9 }),
    node: fc.constantFrom(...NODES),
    app: fc.constantFrom('web', 'db'),
    remove: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('node' as const),
    node: fc.constantFrom(...NODES),
    zone: fc.option(fc.constantFrom('z1', 'z2'), { nil: undefined }),
    rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
    remove: fc.boolean(),
  }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

/** Applies one informer change; returns nothing the scheduler would not see. */
function apply(cache: SchedulerCache, placed: Map<number, Pod>, nodes: Map<string, Node>, o: Op) {
  if (o.kind === 'node') {
    const old = nodes.get(o.node)
    if (o.remove) {
      if (old) removeNode(cache, old)
      nodes.delete(o.node)
      return
    }
    let b = makeNode(o.node)
    if (o.zone) b = b.label(ZONE, o.zone)
    if (o.rack) b = b.label('rack', o.rack)
    nodes.set(o.node, b.obj())
    addNode(cache, b.obj())
    return
  }
  const old = placed.get(o.pod)
  if (o.remove) {
    if (old) removePod(cache, old)
    placed.delete(o.pod)
    return
  }
  const pod = makePod(`p${o.pod}`)
    .label('app', o.app)
    .node(old?.spec?.nodeName ?? o.node)
    .obj()
  if (old) updatePod(cache, old, pod)
  else addPod(cache, pod)
  placed.set(o.pod, pod)
}

describe('PodTopologySpread domain totals from the cache change log', () => {
  it('equal a full node-by-node count after any sequence of node and pod changes', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (ops, askAfter) => {
          const cache = createSchedulerCache()
          const placed = new Map<number, Pod>()
          const nodes = new Map<string, Node>()
          ops.forEach((o, i) => {
            apply(cache, placed, nodes, o)
            // Asking only sometimes lets an aggregate catch up over several changes at once.
            if (!askAfter[i]) return
            for (const c of BY_ZONE) {
              for (const requireAllOf of [undefined, BY_ZONE]) {
                const got = domainTotals(snapshotOf(cache), c, requireAllOf, 'default')
                expect(nonZero(got)).toEqual(nonZero(fullTotals(cache, c, requireAllOf)))
              }
            }
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('recounts from scratch when the change log was trimmed past its cursor', () => {
    const cache = createSchedulerCache()
    const placed = new Map<number, Pod>()
    const nodes = new Map<string, Node>()
    for (const node of NODES)
      apply(cache, placed, nodes, {
        kind: 'node',
        node,
        zone: 'z1',
        rack: undefined,
        remove: false,
      })
    const c = BY_ZONE[0] as SpreadConstraint
    expect(domainTotals(snapshotOf(cache), c, undefined, 'default')).toEqual(new Map([['z1', 0]]))
    // A pod lands on node-a, then 10,000 changes elsewhere: more than the log keeps, so the
    // aggregate's cursor falls off its front and node-a's change is only in the trimmed part.
    apply(cache, placed, nodes, { kind: 'pod', pod: 99, node: 'node-a', app: 'web', remove: false })
    for (let i = 0; i < 10_000; i++) {
      apply(cache, placed, nodes, {
        kind: 'pod',
        pod: i % 10,
        node: NODES[1 + (i % (NODES.length - 1))] as string,
        app: 'web',
        remove: i % 3 === 0,
      })
    }
    expect(cache.nodeChanges.names.length).toBeLessThan(cache.nodeChanges.seq)
    const got = domainTotals(snapshotOf(cache), c, undefined, 'default')
    expect(nonZero(got)).toEqual(nonZero(fullTotals(cache, c, undefined)))
    expect(Object.keys(nonZero(got))).not.toHaveLength(0)
    // Behind again, further than there are nodes, with a node gone and one relabelled meanwhile:
    // the nodes whose NodeInfo did not move keep their counts, the others are retaken.
    apply(cache, placed, nodes, {
      kind: 'node',
      node: 'node-b',
      zone: 'z1',
      rack: undefined,
      remove: true,
    })
    apply(cache, placed, nodes, {
      kind: 'node',
      node: 'node-c',
      zone: 'z2',
      rack: undefined,
      remove: false,
    })
    for (let i = 0; i < 20; i++) {
      apply(cache, placed, nodes, {
        kind: 'pod',
        pod: 50 + i,
        node: 'node-d',
        app: 'web',
        remove: false,
      })
    }
    const again = domainTotals(snapshotOf(cache), c, undefined, 'default')
    expect(nonZero(again)).toEqual(nonZero(fullTotals(cache, c, undefined)))
    expect(again?.get('z2')).toBe(fullTotals(cache, c, undefined).get('z2'))
  })
})
