import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../model/objects'
import { createAuthzIndex, indexStoredChange } from './authz-index'

// The Node authorizer's index follows the watch cache: it keeps nothing of its own per Pod but
// its place under its node, and reads where a Pod was bound from the object the cache held.
const KEYS = ['/registry/pods/a/p1', '/registry/pods/a/p2', '/registry/pods/b/p1']
const pod = (node: string | undefined, n: number): KubeObject => ({
  kind: 'Pod',
  metadata: { name: `p${String(n)}` },
  spec: { containers: [], ...(node === undefined ? {} : { nodeName: node }) },
})
// One change to a key: a Pod (bound to a node, or not yet) or a delete.
const change = fc.tuple(
  fc.constantFrom(...KEYS),
  fc.option(fc.option(fc.constantFrom('node-1', 'node-2'), { nil: undefined }), { nil: null }),
)

describe('authz index: the Pods bound to each node, fed with the cache', () => {
  it('holds exactly the cached Pods that have a node, under that node', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const index = createAuthzIndex()
        const cache = new Map<string, KubeObject>()
        changes.forEach(([key, node], i) => {
          const after = node === null ? undefined : pod(node, i)
          indexStoredChange(index, key, cache.get(key), after)
          if (after === undefined) cache.delete(key)
          else cache.set(key, after)
        })
        const expected = new Map<string, Map<string, KubeObject>>()
        for (const [key, object] of cache) {
          const node = (object['spec'] as { nodeName?: string }).nodeName
          if (node === undefined) continue
          if (!expected.has(node)) expected.set(node, new Map())
          expected.get(node)?.set(key, object)
        }
        const sorted = (m: Map<string, Map<string, unknown>>) =>
          [...m].map(([n, pods]) => [n, [...pods].sort()] as const).sort()
        expect(sorted(index.podsByNode)).toEqual(sorted(expected))
      }),
      { numRuns: 300 },
    )
  })
})
