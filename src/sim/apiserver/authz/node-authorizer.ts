import type { Pod } from 'kubernetes-types/core/v1'
import { NODE_RULES } from '../rbac/bootstrap-cluster-roles'
import type { Decision } from '../rbac/rbac-authorizer'
import { anyRuleAllows } from '../rbac/rule-matching'
import { NODES_GROUP, type RequestAttributes } from './attributes'

/**
 * The Node authorizer (--authorization-mode=Node,RBAC), simplified: a kubelet
 * (system:node:<name> in system:nodes) may read a Secret or ConfigMap, or create a token for a
 * ServiceAccount, only if a Pod bound to its node uses it; it may get a Pod on its node and
 * list/watch Pods only with the spec.nodeName=<node> field selector (AuthorizeNodeWithSelectors,
 * beta in v1.32); everything else is checked against the static node rules.
 * NB: upstream walks a graph kept by informers (PV/PVC, ResourceClaims, VolumeAttachments too);
 * the sim looks the node's Pods up in an index and checks the references the sim models.
 * Source: plugin/pkg/auth/authorizer/node/node_authorizer.go Authorize (v1.32)
 */
export function nodeIdentity(attributes: RequestAttributes): string | undefined {
  const { name, groups } = attributes.user
  if (!groups.includes(NODES_GROUP) || !name.startsWith('system:node:')) return undefined
  return name.slice('system:node:'.length)
}

/** Names a Pod uses of one kind: secrets, configmaps or its ServiceAccount. */
export function podReferences(
  pod: Pod,
  kind: 'secrets' | 'configmaps' | 'serviceaccounts',
): Set<string> {
  const names = new Set<string>()
  const spec = pod.spec
  if (!spec) return names
  if (kind === 'serviceaccounts') {
    names.add(spec.serviceAccountName ?? 'default')
    return names
  }
  const secret = kind === 'secrets'
  for (const volume of spec.volumes ?? []) {
    if (secret && volume.secret?.secretName) names.add(volume.secret.secretName)
    if (!secret && volume.configMap?.name) names.add(volume.configMap.name)
    for (const source of volume.projected?.sources ?? []) {
      if (secret && source.secret?.name) names.add(source.secret.name)
      if (!secret && source.configMap?.name) names.add(source.configMap.name)
    }
  }
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    for (const env of c.env ?? []) {
      const ref = secret ? env.valueFrom?.secretKeyRef?.name : env.valueFrom?.configMapKeyRef?.name
      if (ref) names.add(ref)
    }
    for (const from of c.envFrom ?? []) {
      const ref = secret ? from.secretRef?.name : from.configMapRef?.name
      if (ref) names.add(ref)
    }
  }
  if (secret) for (const s of spec.imagePullSecrets ?? []) if (s.name) names.add(s.name)
  return names
}

const noOpinion = (reason: string): Decision => ({ decision: 'NoOpinion', reason })
const ALLOW: Decision = { decision: 'Allow', reason: '' }
const NO_OPINION: Decision = noOpinion('')

function related(
  pods: Iterable<Pod>,
  attributes: RequestAttributes,
  kind: 'secrets' | 'configmaps' | 'serviceaccounts',
  node: string,
): Decision {
  for (const pod of pods) {
    if (pod.metadata?.namespace !== attributes.namespace) continue
    if (podReferences(pod, kind).has(attributes.name)) return ALLOW
  }
  return noOpinion(`no relationship found between node '${node}' and this object`)
}

export function nodeAuthorize(
  attributes: RequestAttributes,
  podsOnNode: (node: string) => Iterable<Pod>,
): Decision {
  const node = nodeIdentity(attributes)
  if (node === undefined) return NO_OPINION
  if (attributes.resourceRequest && attributes.apiGroup === '') {
    const { resource, verb, subresource } = attributes
    if (resource === 'secrets' || resource === 'configmaps') {
      if (verb !== 'get' && verb !== 'list' && verb !== 'watch')
        return noOpinion('can only read resources of this type')
      if (subresource !== '') return noOpinion('cannot read subresource')
      if (attributes.namespace === '')
        return noOpinion('can only read namespaced object of this type')
      return related(podsOnNode(node), attributes, resource, node)
    }
    if (resource === 'serviceaccounts' && subresource === 'token') {
      if (verb !== 'create')
        return noOpinion('can only create tokens for individual service accounts')
      return related(podsOnNode(node), attributes, 'serviceaccounts', node)
    }
    if (resource === 'pods' && subresource === '' && (verb === 'list' || verb === 'watch')) {
      const selector = attributes.fieldSelector ?? ''
      if (!new RegExp(`(^|,)spec\\.nodeName==?${node}(,|$)`).test(selector))
        return noOpinion(`can only ${verb} pods with spec.nodeName field selector`)
      return ALLOW
    }
    if (resource === 'pods' && subresource === '' && verb === 'get') {
      for (const pod of podsOnNode(node))
        if (
          pod.metadata?.namespace === attributes.namespace &&
          pod.metadata.name === attributes.name
        )
          return ALLOW
      return noOpinion(`no relationship found between node '${node}' and this object`)
    }
  }
  return anyRuleAllows(attributes, NODE_RULES) ? ALLOW : NO_OPINION
}
