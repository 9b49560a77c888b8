import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import { freezeShared } from '../core/share-clone'
import { internParts, shareEqualParts } from './shared-structure'
import { applyChange, cachedObject, createWatchCache } from './watch-cache'

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

describe('shared structure in the watch cache', () => {
  it('never changes a value, and gives back the template where the whole value equals it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.boolean(), (a, b, equal) => {
        const template = freezeShared(copy(b))
        const value = equal ? copy(b) : copy(a)
        const text = JSON.stringify(value)
        const shared = shareEqualParts(value, template)
        expect(JSON.stringify(shared)).toBe(text)
        const whole = equal && typeof b === 'object' && b !== null
        expect(!whole || shared === template).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('a template part stands for an equal one only with its keys in the same order', () => {
    // What the cache serves is its object's JSON: {"b":1,"a":2} must not read as {"a":2,"b":1}.
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 2 }), (members) => {
        const template = freezeShared(copy(members))
        const reversed = Object.fromEntries(Object.entries(copy(members)).reverse())
        const text = JSON.stringify(reversed)
        const shared = shareEqualParts(reversed, template, true)
        expect(JSON.stringify(shared)).toBe(text)
        const frozen = Object.freeze(copy(reversed))
        expect(JSON.stringify(shareEqualParts(frozen, template, true))).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  it('a Lease renewal keeps its previous revision’s unchanged parts; what changed is its own', () => {
    const lease = (renewTime: string, resourceVersion: string): KubeObject => ({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'node-1',
        namespace: 'kube-node-lease',
        resourceVersion,
        uid: '3c02e008-6e5a-426d-8305-85ec7233cf93',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n-1' }],
      },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime },
    })
    const cache = createWatchCache()
    const key = '/registry/leases/kube-node-lease/node-1'
    const first = lease('2025-01-01T00:00:10.000000Z', '2')
    applyChange(cache, { revision: 2, resource: 'leases', type: 'PUT', key, object: first })
    const renewed = lease('2025-01-01T00:00:20.000000Z', '3')
    const text = JSON.stringify(renewed)
    applyChange(cache, {
      revision: 3,
      resource: 'leases',
      type: 'PUT',
      key,
      object: renewed,
      prevObject: first,
    })
    const cached = cachedObject(cache, key) as KubeObject
    expect(cached).toBe(renewed)
    expect(JSON.stringify(cached)).toBe(text)
    expect(cached.metadata?.ownerReferences).toBe(first.metadata?.ownerReferences)
    expect(cached.metadata).not.toBe(first.metadata)
    expect(cached['spec']).not.toBe(first['spec'])
    expect(Object.isFrozen(cached.metadata?.ownerReferences)).toBe(true)
  })

  it('a frozen part stands for an equal template part whole, and stays when it differs', () => {
    const template = freezeShared({ lastState: {}, state: { running: { startedAt: 't' } } })
    const value = {
      lastState: Object.freeze({}),
      state: freezeShared({ running: { startedAt: 'u' } }),
    }
    const shared = shareEqualParts(value, template) as typeof value
    expect(shared.lastState).toBe(template.lastState)
    expect(shared.state).toBe(value.state)
    expect(shared).toEqual({ lastState: {}, state: { running: { startedAt: 'u' } } })
  })

  it('a Pod keeps its sibling’s equal parts; its own parts stay its own', () => {
    const pod = (name: string, node: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', generateName: 'web-abc-', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeName: node },
    })
    const cache = createWatchCache()
    const put = (object: KubeObject, revision: number) => {
      applyChange(cache, {
        revision,
        resource: 'pods',
        type: 'PUT',
        key: `/registry/pods/default/${object.metadata?.name ?? ''}`,
        object,
      })
    }
    put(pod('web-abc-1', 'node-1'), 2)
    const second = pod('web-abc-2', 'node-2')
    put(copy(second), 3)
    const first = cachedObject(cache, '/registry/pods/default/web-abc-1') as KubeObject
    const cached = cachedObject(cache, '/registry/pods/default/web-abc-2') as KubeObject
    expect(cached).toEqual(second)
    const spec = (o: KubeObject) => o['spec'] as { containers: unknown[] }
    expect(spec(cached).containers).toBe(spec(first).containers)
    expect(cached.metadata?.labels).toBe(first.metadata?.labels)
    expect(cached.metadata).not.toBe(first.metadata)
    expect(Object.isFrozen(cached)).toBe(true)
  })

  it('interning never changes a value, and equal small parts of two decodes become one', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        const text = JSON.stringify(a)
        const once = internParts(copy(a))
        const twice = internParts(copy(a))
        expect(JSON.stringify(once)).toBe(text)
        expect(JSON.stringify(twice)).toBe(text)
      }),
      { numRuns: 500 },
    )
    // Two Pods started in the same second on one node: the same condition, the same host IP.
    const status = (podIP: string) => ({
      conditions: [{ lastTransitionTime: '2025-01-01T00:01:03Z', status: 'True', type: 'Ready' }],
      hostIPs: [{ ip: '10.0.0.127' }],
      podIPs: [{ ip: podIP }],
    })
    const one = internParts(copy(status('10.244.117.2'))) as ReturnType<typeof status>
    const two = internParts(copy(status('10.244.117.3'))) as ReturnType<typeof status>
    expect(two.conditions[0]).toBe(one.conditions[0])
    expect(two.hostIPs).toBe(one.hostIPs)
    expect(two.podIPs).not.toBe(one.podIPs)
    expect(two).toEqual(status('10.244.117.3'))
    expect(Object.isFrozen(two.hostIPs)).toBe(true)
    // Same members in another order are another part (its JSON, what is served, differs).
    const reordered = internParts({ b: 1, a: 2 })
    expect(reordered).not.toBe(internParts({ a: 2, b: 1 }))
    expect(JSON.stringify(reordered)).toBe('{"b":1,"a":2}')
  })
})
