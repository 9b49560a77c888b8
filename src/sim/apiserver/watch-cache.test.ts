import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import {
  addWatcher,
  applyChange,
  cachedAt,
  createWatchCache,
  deliveriesFor,
  deliveryFor,
  eventsAfter,
  LOG_CAPACITY,
  logEvents,
  type CacheEvent,
  type Watcher,
} from './watch-cache'

const RESOURCES = ['pods', 'replicasets', 'namespaces'] as const
const change = fc.record({
  resource: fc.constantFrom(...RESOURCES),
  name: fc.constantFrom('a', 'b', 'c'),
  node: fc.constantFrom('', 'node-1', 'node-2'),
  remove: fc.boolean(),
})

function object(resource: string, name: string, node: string): KubeObject {
  return { kind: resource, metadata: { name, namespace: 'default' }, spec: { nodeName: node } }
}

/**
 * The cache event a generated change makes at `revision`, given the objects `live` now (which it
 * updates); undefined for removing what is not there. `next` is the object a PUT stores.
 */
function changeEvent(
  live: Map<string, KubeObject>,
  c: { resource: string; name: string; remove: boolean },
  revision: number,
  next: KubeObject,
): CacheEvent | undefined {
  const key = `/registry/${c.resource}/default/${c.name}`
  const prev = live.get(key)
  if (c.remove && !prev) return undefined
  if (c.remove) live.delete(key)
  else live.set(key, next)
  return {
    revision,
    resource: c.resource,
    type: c.remove ? 'DELETE' : 'PUT',
    key,
    object: c.remove && prev ? prev : next,
    ...(prev ? { prevObject: prev } : {}),
  }
}

describe('watch cache fan-out', () => {
  it('delivers each watcher only its resource and selector, in resourceVersion order', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (changes, lateJoinAt) => {
          const cache = createWatchCache()
          const watchers: Watcher[] = [
            { id: 'all-pods', client: 'kube-scheduler', requestId: 1, resource: 'pods', cursor: 0 },
            {
              id: 'node-1',
              client: 'kubelet/node-1',
              requestId: 2,
              resource: 'pods',
              nodeName: 'node-1',
              cursor: 0,
            },
            {
              id: 'rs',
              client: 'kube-controller-manager',
              requestId: 3,
              resource: 'replicasets',
              cursor: 0,
            },
          ]
          watchers.forEach((w) => addWatcher(cache, w))
          const seen: Record<string, { revision: number; object: KubeObject }[]> = {}
          const live = new Map<string, KubeObject>()
          changes.forEach((c, i) => {
            const event = changeEvent(live, c, i + 2, object(c.resource, c.name, c.node))
            if (!event) return
            applyChange(cache, event)
            for (const d of deliveriesFor(cache, event))
              (seen[d.watcher.id] ??= []).push({ revision: event.revision, object: d.object })
          })
          for (const [id, deliveries] of Object.entries(seen)) {
            const watcher = watchers.find((w) => w.id === id) as Watcher
            const revisions = deliveries.map((d) => d.revision)
            expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
            for (const d of deliveries) expect(d.object.kind).toBe(watcher.resource)
          }
          // A watch that starts late from a resourceVersion replays only its resource.
          const late: Watcher = {
            id: 'late',
            client: 'x',
            requestId: 9,
            resource: 'replicasets',
            cursor: lateJoinAt,
          }
          const missed = eventsAfter(cache, lateJoinAt)
          if (missed === 'expired') return
          const replayedKinds = missed.flatMap((e) => deliveryFor(late, e)?.object.kind ?? [])
          expect(replayedKinds.every((kind) => kind === 'replicasets')).toBe(true)
        },
      ),
    )
  })
})

describe('watch cache log', () => {
  it('keeps the last LOG_CAPACITY changes and serves a watch from any revision as a full scan would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * LOG_CAPACITY }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (count, gap, probes) => {
          const cache = createWatchCache()
          const all: CacheEvent[] = []
          for (let i = 1; i <= count; i++) {
            const event: CacheEvent = {
              revision: i * gap,
              resource: 'pods',
              type: 'PUT',
              key: `/registry/pods/default/p-${i % 50}`,
              object: object('pods', `p-${i % 50}`, ''),
            }
            all.push(event)
            applyChange(cache, event)
          }
          // The oracle: the last LOG_CAPACITY changes; once one was dropped, a watch from below
          // the first kept one's revision - 1 is expired (watch_cache.go "oldest-1", v1.32).
          const kept = all.slice(Math.max(0, all.length - LOG_CAPACITY))
          const oldest = all.length > LOG_CAPACITY ? (kept[0]?.revision ?? 0) - 1 : 0
          expect(logEvents(cache)).toEqual(kept)
          expect(cache.oldestRevision).toBe(oldest)
          for (const p of probes) {
            const revision = Math.floor(p * (count * gap + 2))
            const want = revision < oldest ? 'expired' : kept.filter((e) => e.revision > revision)
            expect(eventsAfter(cache, revision)).toEqual(want)
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('watch cache objects are shared, so frozen', () => {
  it('freezes every cached object and hands back the cached one only at its own revision', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const cache = createWatchCache()
        const live = new Map<string, KubeObject>()
        changes.forEach((c, i) => {
          const event = changeEvent(live, c, i + 2, {
            ...object(c.resource, c.name, c.node),
            metadata: { name: c.name, namespace: 'default', resourceVersion: String(i + 2) },
          })
          if (!event) return
          applyChange(cache, event)
          // Shared with every watcher and checkpoint: a change in place must fail loudly.
          expect(Object.isFrozen(event.object)).toBe(true)
          expect(Object.isFrozen(event.object['spec'])).toBe(true)
          expect(() => {
            ;(event.object['spec'] as { nodeName: string }).nodeName = 'elsewhere'
          }).toThrow(TypeError)
          // A deleted key has no cached object; a put one only at the revision it was stored at.
          // (A PUT's event object is the object it stored.)
          expect(cachedAt(cache, event.key, i + 2)).toBe(c.remove ? undefined : event.object)
          expect(cachedAt(cache, event.key, i + 1)).toBeUndefined()
        })
      }),
    )
  })
})
