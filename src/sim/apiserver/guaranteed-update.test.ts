import { beforeAll, describe, expect, it } from 'vitest'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'

// GuaranteedUpdate from the watch cache's copy (cacher.go / etcd3 store.go, v1.32): the etcd
// calls an update makes, seen on the wire.
type Sent = Extract<SimEvent, { type: 'MessageSent' }>

const KEY = '/registry/configmaps/default/settings'
const PATH = '/api/v1/namespaces/default/configmaps/settings'

/** Labels of the API server's etcd calls about KEY from trace position `from` on. */
function etcdCalls(sim: Simulation, from: number): string[] {
  return sim.trace
    .slice(from - sim.traceStart)
    .filter(
      (e): e is Sent =>
        e.type === 'MessageSent' &&
        e.from === 'kube-apiserver' &&
        e.to.startsWith('etcd-') &&
        e.label.endsWith(KEY),
    )
    .map((e) => e.label)
}

interface ConfigMap {
  metadata: { resourceVersion: string }
  data?: Record<string, string>
}

const position = (sim: Simulation) => sim.traceStart + sim.trace.length

const patch = (sim: Simulation, requestId: string, data: Record<string, string>) => {
  sim.dispatch({
    type: 'apiRequest',
    requestId,
    method: 'PATCH',
    path: PATH,
    body: JSON.stringify({ data }),
    contentType: 'application/merge-patch+json',
  })
}

function answers(sim: Simulation, ids: string[]): Extract<SimEvent, { type: 'ApiResponded' }>[] {
  const found = () =>
    sim.trace.filter(
      (e): e is Extract<SimEvent, { type: 'ApiResponded' }> =>
        e.type === 'ApiResponded' && ids.includes(e.requestId),
    )
  sim.runUntil(() => found().length === ids.length, 30_000)
  return found()
}

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 11 })
  sim.advance(BOOT_MS)
  const created = sim.request({
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }),
  })
  if (created.code !== 201) throw new Error(`ConfigMap not created: ${String(created.code)}`)
  // Let the watch bring the new object into the cache.
  sim.advance(1_000)
}, 60_000)

describe('GuaranteedUpdate from the watch cache', () => {
  it('updates a cached object with exactly one etcd Txn and no read', () => {
    const from = position(sim)
    const response = sim.request({
      method: 'PATCH',
      path: PATH,
      body: JSON.stringify({ data: { color: 'blue' } }),
    })
    expect(response.code).toBe(200)
    expect(etcdCalls(sim, from)).toEqual([`Txn put ${KEY}`])
    sim.advance(1_000)
  })

  it('retries a write on a stale copy with the object the Txn’s Else branch returned', () => {
    const from = position(sim)
    // Both patches start from the same cached copy: the second one's compare fails.
    patch(sim, 'first', { size: 'large' })
    patch(sim, 'second', { shape: 'round' })
    const done = answers(sim, ['first', 'second'])
    expect(done.map((a) => a.code)).toEqual([200, 200])
    // Two attempts and one retry, all Txns: the retry read nothing.
    expect(etcdCalls(sim, from)).toEqual([`Txn put ${KEY}`, `Txn put ${KEY}`, `Txn put ${KEY}`])
    const stored = sim.request({ method: 'GET', path: PATH }).body as {
      data: Record<string, string>
    }
    expect(stored.data).toEqual({ color: 'blue', size: 'large', shape: 'round' })
    sim.advance(1_000)
  })

  it('answers a stale resourceVersion with kube-apiserver’s 409, after checking etcd once', () => {
    const from = position(sim)
    const response = sim.request({
      method: 'PUT',
      path: PATH,
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', resourceVersion: '2' },
        data: { color: 'red' },
      }),
    })
    expect(response.code).toBe(409)
    expect((response.body as { message?: string }).message).toBe(
      'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again',
    )
    // The copy might have been stale, so the store reads etcd, finds the same revision, and
    // returns the error; nothing is written.
    expect(etcdCalls(sim, from)).toEqual([`Range ${KEY}`])
  })

  it('writes nothing for an update that changes nothing: one read of etcd, no Txn, the same resourceVersion', () => {
    const before = sim.request({ method: 'GET', path: PATH }).body as ConfigMap
    const rv = before.metadata.resourceVersion
    const from = position(sim)
    // store.go GuaranteedUpdate: the new encoding equals the cache copy's, so the store reads
    // etcd to be sure it holds the same bytes, and skips the write.
    const patched = sim.request({
      method: 'PATCH',
      path: PATH,
      body: JSON.stringify({ data: { color: 'blue' } }),
    })
    expect(patched.code).toBe(200)
    expect((patched.body as ConfigMap).metadata.resourceVersion).toBe(rv)
    // A PUT of the object exactly as read is a no-op too.
    const put = sim.request({ method: 'PUT', path: PATH, body: JSON.stringify(before) })
    expect(put.code).toBe(200)
    expect(put.body).toEqual(before)
    expect(etcdCalls(sim, from)).toEqual([`Range ${KEY}`, `Range ${KEY}`])
    sim.advance(1_000)
    expect(sim.request({ method: 'GET', path: PATH }).body).toEqual(before)
  })

  it('writes an update that changes something, even one byte', () => {
    const before = sim.request({ method: 'GET', path: PATH }).body as ConfigMap
    const from = position(sim)
    const response = sim.request({
      method: 'PATCH',
      path: PATH,
      body: JSON.stringify({ data: { color: 'bluf' } }),
    })
    expect(response.code).toBe(200)
    const after = response.body as ConfigMap
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    )
    expect(etcdCalls(sim, from)).toEqual([`Txn put ${KEY}`])
    sim.advance(1_000)
  })

  it('reads etcd for an object the cache does not have', () => {
    const from = position(sim)
    const response = sim.request({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/configmaps/missing',
      body: JSON.stringify({ data: { a: 'b' } }),
    })
    expect(response.code).toBe(404)
    const calls = sim.trace
      .slice(from - sim.traceStart)
      .filter((e): e is Sent => e.type === 'MessageSent' && e.from === 'kube-apiserver')
      .filter((e) => e.to.startsWith('etcd-'))
      .map((e) => e.label)
    expect(calls).toEqual(['Range /registry/configmaps/default/missing'])
  })
})
