import type {
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  Role,
  RoleBinding,
} from 'kubernetes-types/rbac/v1'
import { describe, expect, it } from 'vitest'
import {
  nonResourceAttributes,
  resourceAttributes,
  type AuthenticatedUser,
  type RequestAttributes,
} from '../authz/attributes'
import { policyIndexOf } from './policy-index'
import { rbacAuthorize } from './rbac-authorizer'
import { ruleAllows, ruleMismatch } from './rule-matching'

// Table tests ported from plugin/pkg/auth/authorizer/rbac/rbac_test.go (v1.32): TestRuleMatches
// and TestAuthorizer, same rules, same requests, same expectations.

const anyone: AuthenticatedUser = { name: 'someone', groups: [] }
const res = (verb: string, group: string, resource: string, subresource = '', name = '') =>
  resourceAttributes(anyone, { verb, apiGroup: group, resource, subresource, name })
const url = (verb: string, path: string) => nonResourceAttributes(anyone, verb, path)
const newRule = (
  verbs: string[],
  groups: string[],
  resources: string[],
  urls: string[] = [],
): PolicyRule => ({
  verbs,
  apiGroups: groups,
  resources,
  ...(urls.length > 0 ? { nonResourceURLs: urls } : {}),
})

describe('RuleAllows (TestRuleMatches)', () => {
  const cases: { name: string; rule: PolicyRule; requests: [RequestAttributes, boolean][] }[] = [
    {
      name: 'star verb, exact match other',
      rule: newRule(['*'], ['group1'], ['resource1']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), true],
        [res('verb2', 'group2', 'resource2'), false],
      ],
    },
    {
      name: 'star group, exact match other',
      rule: newRule(['verb1'], ['*'], ['resource1']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), true],
        [res('verb1', 'group1', 'resource2'), false],
        [res('verb2', 'group1', 'resource1'), false],
      ],
    },
    {
      name: 'star resource, exact match other',
      rule: newRule(['verb1'], ['group1'], ['*']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource1'), false],
        [res('verb1', 'group1', 'resource2'), true],
        [res('verb2', 'group1', 'resource1'), false],
      ],
    },
    {
      name: 'tuple expansion',
      rule: newRule(['verb1', 'verb2'], ['group1', 'group2'], ['resource1', 'resource2']),
      requests: [
        [res('verb1', 'group1', 'resource1'), true],
        [res('verb1', 'group2', 'resource2'), true],
        [res('verb2', 'group1', 'resource2'), true],
        [res('verb2', 'group2', 'resource1'), true],
      ],
    },
    {
      name: 'subresource expansion',
      rule: newRule(['*'], ['*'], ['resource1/subresource1']),
      requests: [
        [res('verb1', 'group1', 'resource1', 'subresource1'), true],
        [res('verb1', 'group2', 'resource1', 'subresource2'), false],
        [res('verb1', 'group1', 'resource2', 'subresource1'), false],
        [res('verb2', 'group1', 'resource1', 'subresource1'), true],
      ],
    },
    {
      name: 'star nonresource, exact match other',
      rule: newRule(['verb1'], [], [], ['*']),
      requests: [
        [url('verb1', '/foo'), true],
        [url('verb1', '/foo/bar/one'), true],
        [url('verb2', '/foo'), false],
        [url('verb2', '/foo/baz/one'), false],
      ],
    },
    {
      name: 'star nonresource subpath',
      rule: newRule(['verb1'], [], [], ['/foo/*']),
      requests: [
        [url('verb1', '/foo'), false],
        [url('verb1', '/foo/bar'), true],
        [url('verb1', '/foo/baz/one'), true],
        [url('verb1', '/notfoo'), false],
        [url('verb1', '/notfoo/bar/one'), false],
      ],
    },
    {
      name: 'star verb, exact nonresource',
      rule: newRule(['*'], [], [], ['/foo', '/foo/bar/one']),
      requests: [
        [url('verb1', '/foo'), true],
        [url('verb1', '/foo/bar'), false],
        [url('verb1', '/foo/bar/one'), true],
        [url('verb2', '/foo/baz/one'), false],
      ],
    },
    {
      name: '*/subresource matches that subresource of any resource',
      rule: newRule(['get'], ['*'], ['*/scale']),
      requests: [
        [res('get', 'apps', 'deployments', 'scale'), true],
        [res('get', 'apps', 'deployments', 'status'), false],
        [res('get', 'apps', 'deployments'), false],
      ],
    },
    {
      name: 'resourceNames limits to named objects; a list names none',
      rule: {
        verbs: ['get', 'list'],
        apiGroups: [''],
        resources: ['pods'],
        resourceNames: ['web'],
      },
      requests: [
        [res('get', '', 'pods', '', 'web'), true],
        [res('get', '', 'pods', '', 'db'), false],
        [res('list', '', 'pods'), false],
      ],
    },
  ]
  it.each(cases)('$name', ({ rule, requests }) => {
    for (const [request, expected] of requests) expect(ruleAllows(request, rule)).toBe(expected)
  })

  it('says which dimension fails first, in RuleAllows order', () => {
    const rule = { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }
    expect(ruleMismatch(res('list', '', 'pods'), rule)).toBe('verb "list" is not in verbs [get]')
    expect(ruleMismatch(res('get', 'apps', 'pods'), rule)).toBe(
      'API group "apps" is not in apiGroups [""]',
    )
    expect(ruleMismatch(res('get', '', 'pods', 'log'), rule)).toBe(
      'resource "pods/log" is not in resources [pods]',
    )
    expect(ruleMismatch(res('get', '', 'pods', '', 'db'), rule)).toBe(
      'name "db" is not in resourceNames [web]',
    )
    expect(ruleMismatch(res('get', '', 'pods', '', 'web'), rule)).toBeUndefined()
  })
})

const clusterRole = (name: string, ...rules: PolicyRule[]): ClusterRole => ({
  metadata: { name },
  rules,
})
const role = (namespace: string, name: string, ...rules: PolicyRule[]): Role => ({
  metadata: { namespace, name },
  rules,
})
const subject = (s: string) => {
  const [kind = '', name = ''] = s.split(/:(.*)/s)
  return kind === 'ServiceAccount'
    ? { kind, name: name.split('/')[1] ?? '', namespace: name.split('/')[0] ?? '' }
    : { kind, apiGroup: 'rbac.authorization.k8s.io', name }
}
const crb = (roleName: string, ...subjects: string[]): ClusterRoleBinding => ({
  metadata: { name: `crb-${roleName}` },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
  subjects: subjects.map(subject),
})
const rb = (
  namespace: string,
  kind: 'Role' | 'ClusterRole',
  roleName: string,
  ...subjects: string[]
): RoleBinding => ({
  metadata: { namespace, name: `rb-${roleName}` },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName },
  subjects: subjects.map(subject),
})
const as = (name: string, groups: string[] = []): AuthenticatedUser => ({ name, groups })
const req = (
  user: AuthenticatedUser,
  verb: string,
  resource: string,
  namespace: string,
  subresource = '',
) => resourceAttributes(user, { verb, resource, namespace, subresource })

describe('RBAC authorizer (TestAuthorizer)', () => {
  it('a ClusterRole bound by a RoleBinding grants only inside that namespace', () => {
    const index = policyIndexOf({
      clusterRoles: [clusterRole('admin', newRule(['*'], ['*'], ['*']))],
      roleBindings: [rb('ns1', 'ClusterRole', 'admin', 'User:admin', 'Group:admins')],
    })
    const allowed = (a: RequestAttributes) => rbacAuthorize(index, a).decision === 'Allow'
    expect(allowed(req(as('admin'), 'get', 'Pods', 'ns1'))).toBe(true)
    expect(allowed(req(as('admin', ['group1']), 'watch', 'Foobar', 'ns1'))).toBe(true)
    expect(allowed(req(as('joe', ['admins']), 'watch', 'Foobar', 'ns1'))).toBe(true)
    expect(allowed(req(as('joe', ['group1', 'admins']), 'watch', 'Foobar', 'ns1'))).toBe(true)
    expect(allowed(req(as('admin'), 'GET', 'Pods', 'ns2'))).toBe(false)
    expect(allowed(req(as('admin'), 'GET', 'Nodes', ''))).toBe(false)
    expect(allowed(req(as('admin', ['admins']), 'GET', 'Pods', 'ns2'))).toBe(false)
  })

  it('non-resource URLs: exact, star verb and prefix', () => {
    const index = policyIndexOf({
      clusterRoles: [
        clusterRole('non-resource-url-getter', newRule(['get'], [], [], ['/apis'])),
        clusterRole('non-resource-url', newRule(['*'], [], [], ['/apis'])),
        clusterRole('non-resource-url-prefix', newRule(['get'], [], [], ['/apis/*'])),
      ],
      clusterRoleBindings: [
        crb('non-resource-url-getter', 'User:foo', 'Group:bar'),
        crb('non-resource-url', 'User:admin', 'Group:admin'),
        crb('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
      ],
    })
    const allowed = (user: AuthenticatedUser, verb: string, path: string) =>
      rbacAuthorize(index, nonResourceAttributes(user, verb, path)).decision === 'Allow'
    expect(allowed(as('foo'), 'get', '/apis')).toBe(true)
    expect(allowed(as('', ['bar']), 'get', '/apis')).toBe(true)
    expect(allowed(as('admin'), 'watch', '/apis')).toBe(true)
    expect(allowed(as('prefixed'), 'get', '/apis/v1/foobar')).toBe(true)
    expect(allowed(as('foo'), 'watch', '/apis')).toBe(false)
    expect(allowed(as('foo'), 'get', '/api/v1')).toBe(false)
    expect(allowed(as('prefixed'), 'get', '/api/v1')).toBe(false)
  })

  it('a rule for pods does not cover pods/status, and pods/status does not cover pods', () => {
    const onlyPods = policyIndexOf({
      clusterRoles: [clusterRole('admin', newRule(['*'], ['*'], ['pods']))],
      roleBindings: [rb('ns1', 'ClusterRole', 'admin', 'User:admin')],
    })
    const onlyStatus = policyIndexOf({
      clusterRoles: [clusterRole('admin', newRule(['*'], ['*'], ['pods/status']))],
      roleBindings: [rb('ns1', 'ClusterRole', 'admin', 'User:admin')],
    })
    const admin = as('admin')
    expect(rbacAuthorize(onlyPods, req(admin, 'get', 'pods', 'ns1')).decision).toBe('Allow')
    expect(rbacAuthorize(onlyPods, req(admin, 'get', 'pods', 'ns1', 'status')).decision).toBe(
      'NoOpinion',
    )
    expect(rbacAuthorize(onlyStatus, req(admin, 'get', 'pods', 'ns1', 'status')).decision).toBe(
      'Allow',
    )
    expect(rbacAuthorize(onlyStatus, req(admin, 'get', 'pods', 'ns1')).decision).toBe('NoOpinion')
  })

  it('names the binding that allowed, and the missing role as the reason when nothing did', () => {
    const index = policyIndexOf({
      roles: [role('default', 'pod-reader', newRule(['get', 'list'], [''], ['pods']))],
      roleBindings: [
        rb('default', 'Role', 'pod-reader', 'User:bob'),
        {
          ...rb('default', 'Role', 'gone', 'User:bob'),
          metadata: { namespace: 'default', name: 'dangling' },
        },
      ],
      clusterRoleBindings: [crb('cluster-admin', 'Group:system:masters')],
      clusterRoles: [clusterRole('cluster-admin', newRule(['*'], ['*'], ['*']))],
    })
    expect(rbacAuthorize(index, req(as('bob'), 'list', 'pods', 'default'))).toEqual({
      decision: 'Allow',
      reason:
        'RBAC: allowed by RoleBinding "rb-pod-reader/default" of Role "pod-reader" to User "bob"',
    })
    expect(rbacAuthorize(index, req(as('bob'), 'delete', 'pods', 'default'))).toEqual({
      decision: 'NoOpinion',
      reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    })
    expect(
      rbacAuthorize(index, req(as('x', ['system:masters']), 'delete', 'nodes', '')).reason,
    ).toBe(
      'RBAC: allowed by ClusterRoleBinding "crb-cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
    )
  })

  it('a ServiceAccount subject without a namespace means the binding namespace', () => {
    const index = policyIndexOf({
      roles: [role('team', 'reader', newRule(['get'], [''], ['pods']))],
      roleBindings: [rb('team', 'Role', 'reader', 'ServiceAccount:/ci-bot')],
    })
    const sa = as('system:serviceaccount:team:ci-bot', ['system:serviceaccounts'])
    expect(rbacAuthorize(index, req(sa, 'get', 'pods', 'team')).decision).toBe('Allow')
    const other = as('system:serviceaccount:default:ci-bot')
    expect(rbacAuthorize(index, req(other, 'get', 'pods', 'team')).decision).toBe('NoOpinion')
  })

  it('is a union: a second binding adds, nothing ever takes away', () => {
    const base = {
      roles: [role('default', 'reader', newRule(['get'], [''], ['pods']))],
      roleBindings: [rb('default', 'Role', 'reader', 'Group:devs')],
    }
    const user = as('carol', ['devs'])
    expect(
      rbacAuthorize(policyIndexOf(base), req(user, 'delete', 'pods', 'default')).decision,
    ).toBe('NoOpinion')
    const more = policyIndexOf({
      ...base,
      clusterRoles: [clusterRole('deleter', newRule(['delete'], [''], ['pods']))],
      clusterRoleBindings: [crb('deleter', 'User:carol')],
    })
    expect(rbacAuthorize(more, req(user, 'get', 'pods', 'default')).decision).toBe('Allow')
    expect(rbacAuthorize(more, req(user, 'delete', 'pods', 'default')).decision).toBe('Allow')
  })
})
