import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import { encodeObject } from '../apiserver/codec'
import type { KubeObject } from '../model/objects'
import type { KeyTxnEntry } from './entry-payload'
import type { EtcdMemberState } from './member-state'
import { storedValueOf } from './value-pack'
import { kvGet, kvGetIn } from './kv-index'

// A stored value's bytes are held once (value-pack.ts): the Raft entry that wrote it, every
// member's MVCC store and history share one packed copy, and it reads as the very text the API
// server wrote and serves.
const members = (sim: Simulation): EtcdMemberState[] =>
  Object.values(
    (sim as unknown as { kernel: { actors: Record<string, { kind: string }> } }).kernel.actors,
  ).filter((a): a is EtcdMemberState => a.kind === 'etcd')

let sim: Simulation
let podKey: string
beforeAll(() => {
  sim = createSimulation({ seed: 5, nodes: 3 })
  sim.advance(3_000)
  sim.kubectl('create deployment web --image=nginx:1.27 --replicas=3')
  sim.advance(20_000)
  podKey = sim.etcdKeys('/registry/pods/default/')[1] ?? ''
}, 60_000)

describe('stored values: one packed copy for the log, the store and its members', () => {
  it('every member holds the same packed value as the Raft entry that wrote it', () => {
    const all = members(sim)
    expect(all).toHaveLength(3)
    const kvs = all.map((m) => kvGet(m.mvcc.kv, podKey))
    const stored = storedValueOf(kvs[0] ?? {})
    // A sibling Pod of the ReplicaSet: packed against an earlier one.
    expect(typeof stored).toBe('object')
    for (const kv of kvs) expect(storedValueOf(kv ?? {})).toBe(stored)
    const revision = kvs[0]?.modRevision
    const logged = all[0]?.mvcc.log.find(
      (e) => e.kv.modRevision === revision && e.kv.key === podKey,
    )
    expect(logged?.kv).toBe(kvs[0])
    const entry = all[0]?.raft.log.entries.find(
      (e) => e.type === 'Normal' && (e.data as KeyTxnEntry).key === podKey,
    )
    // The entries of this key (its create, bind and status writes) hold packed values too.
    expect(typeof storedValueOf((entry?.data ?? {}) as KeyTxnEntry)).toBe('object')
  })

  it('every member holds the same one-object entries: a key write is its own data', () => {
    const [first, ...others] = members(sim)
    const log = first?.raft.log
    expect(log?.entries.length).toBeGreaterThan(10)
    const entries = log?.entries ?? []
    for (const [i, entry] of entries.entries())
      for (const m of others) expect(m.raft.log.entries[i]).toBe(entry)
    const keyWrites = entries.filter(
      (e) => e.type === 'Normal' && !('op' in Object(e.data) && (e.data as KeyTxnEntry).op),
    )
    for (const entry of keyWrites) expect(entry.data).toBe(entry)
    expect(keyWrites.length).toBeGreaterThan(10)
  })

  it('reads as the exact text the API server serves (without the resourceVersion it adds)', () => {
    const name = podKey.slice(podKey.lastIndexOf('/') + 1)
    const got = sim.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` })
    expect(got.code).toBe(200)
    const served = got.body as KubeObject
    expect(served.metadata?.resourceVersion).toBe(
      String(kvGetIn(members(sim)[0]?.mvcc, podKey)?.modRevision),
    )
    for (const m of members(sim)) expect(kvGet(m.mvcc.kv, podKey)?.value).toBe(encodeObject(served))
    // What `etcdctl get` shows (the inspector): the key line, then the same text.
    expect(sim.etcdGet(podKey)?.etcdctl).toBe(`${podKey}\n${encodeObject(served)}`)
  })
})
