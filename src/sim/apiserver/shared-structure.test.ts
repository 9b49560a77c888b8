import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import { freezeShared } from '../core/share-clone'
import { shareEqualParts } from './shared-structure'
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
})
