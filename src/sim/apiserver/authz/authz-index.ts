import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import { createPolicyIndex, indexPolicyChange, isPolicyKey } from '../rbac/policy-index'
import type { AuthzIndex } from './authorize'

/** The authorizers' view, plus where each Pod was bound so a move can be undone. */
export interface AuthzIndexState extends AuthzIndex {
  nodeOfPod: Map<string, string>
}

export function createAuthzIndex(): AuthzIndexState {
  return { policy: createPolicyIndex(), podsByNode: new Map(), nodeOfPod: new Map() }
}

/** Keeps the index in step with one stored change (undefined object: deleted). */
export function indexStoredChange(
  index: AuthzIndexState,
  key: string,
  object: KubeObject | undefined,
): void {
  if (isPolicyKey(key)) {
    indexPolicyChange(index.policy, key, object)
    return
  }
  if (!key.startsWith('/registry/pods/')) return
  const before = index.nodeOfPod.get(key)
  const after = (object as Pod | undefined)?.spec?.nodeName
  if (before !== undefined && before !== after) {
    index.podsByNode.get(before)?.delete(key)
    index.nodeOfPod.delete(key)
  }
  if (after !== undefined && object) {
    let pods = index.podsByNode.get(after)
    if (!pods) index.podsByNode.set(after, (pods = new Map<string, Pod>()))
    pods.set(key, object as Pod)
    index.nodeOfPod.set(key, after)
  }
}
