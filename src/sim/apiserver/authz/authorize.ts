import type { Pod } from 'kubernetes-types/core/v1'
import type { PolicyIndex } from '../rbac/policy-index'
import { rbacAuthorize } from '../rbac/rbac-authorizer'
import type { RequestAttributes } from './attributes'
import { nodeAuthorize } from './node-authorizer'

/** Which authorizer decided, for the "why" panel. */
export type AuthorizerName = 'Node' | 'RBAC'

export interface ChainDecision {
  allowed: boolean
  /** The authorizer that allowed; undefined when none did. */
  decidedBy?: AuthorizerName
  /** The reasons joined as union.go does ("\n"): empty when nobody had anything to say. */
  reason: string
}

/** What the authorizers read: the RBAC objects and the Pods bound to each node. */
export interface AuthzIndex {
  policy: PolicyIndex
  podsByNode: Map<string, Map<string, Pod>>
}

/**
 * kubeadm's --authorization-mode=Node,RBAC: each authorizer in turn; the first Allow (or Deny)
 * wins; NoOpinion passes on; if nobody allows, the request is forbidden with the reasons joined.
 * Source: staging/src/k8s.io/apiserver/pkg/authorization/union/union.go (v1.32)
 */
export function authorize(index: AuthzIndex, attributes: RequestAttributes): ChainDecision {
  const node = nodeAuthorize(attributes, (name) => index.podsByNode.get(name)?.values() ?? [])
  if (node.decision === 'Allow') return { allowed: true, decidedBy: 'Node', reason: node.reason }
  if (node.decision === 'Deny') return { allowed: false, decidedBy: 'Node', reason: node.reason }
  const rbac = rbacAuthorize(index.policy, attributes)
  if (rbac.decision === 'Allow') return { allowed: true, decidedBy: 'RBAC', reason: rbac.reason }
  if (rbac.decision === 'Deny') return { allowed: false, decidedBy: 'RBAC', reason: rbac.reason }
  const reasons = [node.reason, rbac.reason].filter((reason) => reason !== '')
  return { allowed: false, reason: reasons.join('\n') }
}
