import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { nonResourceAttributes, resourceAttributes, type AuthenticatedUser } from './attributes'
import { forbiddenError } from './forbidden'
import { nodeAuthorize } from './node-authorizer'
import { requestAttributes } from './request-info'

const bob: AuthenticatedUser = { name: 'bob', groups: ['system:authenticated'] }
const message = (a: Parameters<typeof forbiddenError>[0], reason = '') =>
  forbiddenError(a, reason).status.message

describe('403 texts (responsewriters.Forbidden + errors.NewForbidden, v1.32)', () => {
  it('list, get and create in a namespace', () => {
    expect(
      message(resourceAttributes(bob, { verb: 'list', resource: 'pods', namespace: 'default' })),
    ).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    )
    expect(
      message(
        resourceAttributes(bob, {
          verb: 'get',
          resource: 'secrets',
          namespace: 'prod',
          name: 'db',
        }),
      ),
    ).toBe(
      'secrets "db" is forbidden: User "bob" cannot get resource "secrets" in API group "" in the namespace "prod"',
    )
    expect(
      message(
        resourceAttributes(bob, {
          verb: 'create',
          apiGroup: 'apps',
          resource: 'deployments',
          namespace: 'default',
        }),
      ),
    ).toBe(
      'deployments.apps is forbidden: User "bob" cannot create resource "deployments" in API group "apps" in the namespace "default"',
    )
  })

  it('cluster-scoped, subresources, non-resource URLs and an RBAC reason', () => {
    expect(message(resourceAttributes(bob, { verb: 'list', resource: 'nodes' }))).toBe(
      'nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope',
    )
    expect(
      message(
        resourceAttributes(bob, {
          verb: 'create',
          resource: 'pods',
          subresource: 'exec',
          namespace: 'default',
          name: 'web',
        }),
      ),
    ).toBe(
      'pods "web" is forbidden: User "bob" cannot create resource "pods/exec" in API group "" in the namespace "default"',
    )
    expect(message(nonResourceAttributes(bob, 'get', '/metrics'))).toBe(
      'forbidden: User "bob" cannot get path "/metrics"',
    )
    expect(
      message(
        resourceAttributes(bob, { verb: 'get', resource: 'pods', namespace: 'default' }),
        'RBAC: role.rbac.authorization.k8s.io "gone" not found',
      ),
    ).toBe(
      'pods is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "gone" not found',
    )
    expect(
      forbiddenError(resourceAttributes(bob, { verb: 'list', resource: 'pods' }), '').status,
    ).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      details: { kind: 'pods' },
    })
  })
})

describe('request attributes (requestinfo.go)', () => {
  it('maps methods and paths to verbs and resources', () => {
    const attrs = (
      method: Parameters<typeof requestAttributes>[1],
      path: string,
      query: Record<string, string> = {},
    ) => {
      const a = requestAttributes(bob, method, path, query)
      return [a.verb, a.apiGroup, a.resource, a.subresource, a.namespace, a.name].join('|')
    }
    expect(attrs('GET', '/api/v1/namespaces/default/pods')).toBe('list||pods||default|')
    expect(attrs('GET', '/api/v1/namespaces/default/pods', { watch: '1' })).toBe(
      'watch||pods||default|',
    )
    expect(attrs('GET', '/api/v1/namespaces/default/pods/web')).toBe('get||pods||default|web')
    expect(attrs('POST', '/api/v1/namespaces/default/pods/web/binding')).toBe(
      'create||pods|binding|default|web',
    )
    expect(attrs('DELETE', '/api/v1/namespaces/default/pods')).toBe(
      'deletecollection||pods||default|',
    )
    expect(attrs('PATCH', '/apis/apps/v1/namespaces/default/deployments/web')).toBe(
      'patch|apps|deployments||default|web',
    )
    expect(attrs('GET', '/api/v1/namespaces/default')).toBe('get||namespaces||default|default')
    expect(attrs('GET', '/api/v1/pods', { fieldSelector: 'metadata.name=web' })).toBe(
      'list||pods|||web',
    )
    expect(requestAttributes(bob, 'GET', '/healthz', {})).toMatchObject({
      resourceRequest: false,
      verb: 'get',
      path: '/healthz',
    })
  })
})

const pod = (name: string, node: string, secret: string): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: {
    nodeName: node,
    serviceAccountName: 'app',
    containers: [
      { name: 'c', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: secret, key: 'k' } } }] },
    ],
    volumes: [{ name: 'v', configMap: { name: `${name}-config` } }],
  },
})

describe('Node authorizer', () => {
  const kubelet: AuthenticatedUser = {
    name: 'system:node:node-1',
    groups: ['system:nodes', 'system:authenticated'],
  }
  const pods = new Map([
    ['node-1', [pod('web', 'node-1', 'web-secret')]],
    ['node-2', [pod('db', 'node-2', 'db-secret')]],
  ])
  const decide = (fields: Parameters<typeof resourceAttributes>[1]) =>
    nodeAuthorize(resourceAttributes(kubelet, fields), (node) => pods.get(node) ?? [])

  it('lets a kubelet read only the Secrets and ConfigMaps its own Pods use', () => {
    expect(
      decide({ verb: 'get', resource: 'secrets', namespace: 'default', name: 'web-secret' })
        .decision,
    ).toBe('Allow')
    expect(
      decide({ verb: 'get', resource: 'configmaps', namespace: 'default', name: 'web-config' })
        .decision,
    ).toBe('Allow')
    expect(
      decide({ verb: 'get', resource: 'secrets', namespace: 'default', name: 'db-secret' }),
    ).toEqual({
      decision: 'NoOpinion',
      reason: "no relationship found between node 'node-1' and this object",
    })
    expect(decide({ verb: 'list', resource: 'secrets', namespace: 'default' }).decision).toBe(
      'NoOpinion',
    )
  })

  it("tokens only for its Pods' ServiceAccounts, pods only with its own field selector", () => {
    expect(
      decide({
        verb: 'create',
        resource: 'serviceaccounts',
        subresource: 'token',
        namespace: 'default',
        name: 'app',
      }).decision,
    ).toBe('Allow')
    expect(
      decide({ verb: 'watch', resource: 'pods', fieldSelector: 'spec.nodeName=node-1' }).decision,
    ).toBe('Allow')
    expect(decide({ verb: 'watch', resource: 'pods' })).toEqual({
      decision: 'NoOpinion',
      reason: 'can only watch pods with spec.nodeName field selector',
    })
    expect(
      decide({ verb: 'patch', resource: 'nodes', subresource: 'status', name: 'node-1' }).decision,
    ).toBe('Allow')
    expect(decide({ verb: 'delete', resource: 'nodes', name: 'node-2' }).decision).toBe('NoOpinion')
  })

  it('has no opinion about anyone who is not a node', () => {
    expect(
      nodeAuthorize(
        resourceAttributes(bob, {
          verb: 'get',
          resource: 'secrets',
          namespace: 'default',
          name: 'web-secret',
        }),
        () => [],
      ),
    ).toEqual({
      decision: 'NoOpinion',
      reason: '',
    })
  })
})
