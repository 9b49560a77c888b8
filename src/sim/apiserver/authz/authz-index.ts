import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import { createPolicyIndex, indexPolicyChange, isPolicyKey } from '../rbac/policy-index'
import type { AuthzIndex } from './authorize'

/**
 * The authorizers' view, fed with the watch cache: RBAC's policy objects (no per-Pod state, as
 * upstream's RBAC authorizer keeps none) and, for the Node authorizer, the Pods bound to each
 * node (upstream's graph keeps a vertex per Pod too: plugin/pkg/auth/authorizer/node/graph.go,
 * v1.32). Where a Pod was bound before a change is read from the object the cache held, so the
 * index keeps nothing per Pod but its place in its node's map.
 * Invariant: podsByNode holds exactly the cached Pods with a spec.nodeName, under that node.
 */
export type AuthzIndexState = AuthzIndex

export function createAuthzIndex(): AuthzIndexState {
  return { policy: createPolicyIndex(), podsByNode: new Map() }
}

const nodeNameOf = (object: KubeObject | undefined): string | undefined =>
  (object as Pod | undefined)?.spec?.nodeName

/**
 * Keeps the index in step with one change to the cache: `before` is the object the cache held
 * for `key` until now, `after` the one it holds from now on (undefined: none).
 */
export function indexStoredChange(
  index: AuthzIndexState,
  key: string,
  before: KubeObject | undefined,
  after: KubeObject | undefined,
): void {
  if (isPolicyKey(key)) {
    indexPolicyChange(index.policy, key, after)
    return
  }
  if (!key.startsWith('/registry/pods/')) return
  const was = nodeNameOf(before)
  const now = after === undefined ? undefined : nodeNameOf(after)
  if (was !== undefined && was !== now) {
    const pods = index.podsByNode.get(was)
    pods?.delete(key)
    if (pods?.size === 0) index.podsByNode.delete(was)
  }
  if (now !== undefined && after !== undefined) {
    let pods = index.podsByNode.get(now)
    if (!pods) index.podsByNode.set(now, (pods = new Map<string, Pod>()))
    pods.set(key, after as Pod)
  }
}
