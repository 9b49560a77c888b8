import { decodeObject } from './apiserver/codec'
import type { AnyActor } from './cluster'
import type { EtcdMemberState } from './etcd/member-state'
import { eventsSince, ERR_COMPACTED } from './etcd/mvcc'
import type { KubeObject } from './model/objects'
import type { ComponentKind } from './runtime/actor'
import type { KernelState } from './runtime/kernel'

/** A component as the map draws it. */
export interface ComponentInfo {
  id: string
  kind: ComponentKind
  host: string
  running: boolean
}

/** One change to the stored cluster state, keyed by etcd key, in revision order. */
export interface StoreChange {
  type: 'PUT' | 'DELETE'
  key: string
  revision: number
  object?: KubeObject
}

/** What the cluster holds at one instant: the objects in etcd and the components. */
export interface ClusterSnapshot {
  nowMs: number
  revision: number
  objects: KubeObject[]
  /** etcd key of each object, aligned with `objects`. */
  keys: string[]
  components: ComponentInfo[]
}

/**
 * The etcd member whose store the UI observes: the one that has applied the most. Every member
 * applies the same entries in the same order (state machine safety), so this is the cluster's
 * committed state as far as any member knows it, and it never goes back when a member stops.
 */
export function observedStore(kernel: KernelState<AnyActor>): EtcdMemberState | undefined {
  let best: EtcdMemberState | undefined
  for (const a of Object.values(kernel.actors)) {
    if (a.kind !== 'etcd') continue
    if (!best || a.raft.log.applied > best.raft.log.applied) best = a
  }
  return best
}

export function componentsOf(kernel: KernelState<AnyActor>): ComponentInfo[] {
  return Object.values(kernel.actors).map((a) => ({
    id: a.id,
    kind: a.kind,
    host: a.host,
    running: a.running,
  }))
}

export function takeSnapshot(kernel: KernelState<AnyActor>): ClusterSnapshot {
  const store = observedStore(kernel)
  const objects: KubeObject[] = []
  const keys: string[] = []
  for (const kv of store?.mvcc.kv.values() ?? []) {
    objects.push(decodeObject(kv))
    keys.push(kv.key)
  }
  return {
    nowMs: kernel.nowMs,
    revision: store?.mvcc.revision ?? 0,
    objects,
    keys,
    components: componentsOf(kernel),
  }
}

/** Changes after `revision`, or 'reset' when history was compacted past it (send a snapshot). */
export function changesSince(
  kernel: KernelState<AnyActor>,
  revision: number,
): StoreChange[] | 'reset' {
  const store = observedStore(kernel)
  if (!store) return []
  const events = eventsSince(store.mvcc, revision, '/registry/')
  if (events === ERR_COMPACTED) return 'reset'
  return events.map((e) =>
    e.type === 'PUT'
      ? { type: 'PUT', key: e.kv.key, revision: e.kv.modRevision, object: decodeObject(e.kv) }
      : { type: 'DELETE', key: e.kv.key, revision: e.kv.modRevision },
  )
}
