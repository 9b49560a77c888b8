import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1'
import { bench, describe } from 'vitest'
import { createRng } from '../../core/rng'
import type { KubeObject } from '../../model/objects'
import { createSimulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'
import { parseEncryptionConfiguration, type EncryptionConfiguration } from '../encryption/config'
import { decodeFromStorage, encodeForStorage } from '../encryption/storage'
import { policyIndexOf } from '../rbac/policy-index'
import { rbacAuthorize } from '../rbac/rbac-authorizer'
import { resourceAttributes, type RequestAttributes } from './attributes'
import { authorize } from './authorize'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }

// The policy a booted cluster holds: v1.32's bootstrap roles and bindings plus kubeadm's.
const sim = createSimulation({ seed: 1 })
sim.advance(BOOT_MS)
const objects = sim.snapshot().objects
const ofKind = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[]
const policy = policyIndexOf({
  roles: ofKind<Role>('Role'),
  roleBindings: ofKind<RoleBinding>('RoleBinding'),
  clusterRoles: ofKind<ClusterRole>('ClusterRole'),
  clusterRoleBindings: ofKind<ClusterRoleBinding>('ClusterRoleBinding'),
})
const index = { policy, podsByNode: new Map() }

const listPods = (name: string, groups: string[]): RequestAttributes =>
  resourceAttributes(
    { name, groups: [...groups, 'system:authenticated'] },
    { verb: 'list', resource: 'pods', namespace: 'default' },
  )
const REQUESTS: [string, RequestAttributes][] = [
  // denied: every ClusterRoleBinding and the namespace's RoleBindings are walked
  ['bob (no bindings, 403)', listPods('bob', [])],
  [
    'kubernetes-admin (kubeadm:cluster-admins → cluster-admin)',
    listPods('kubernetes-admin', ['kubeadm:cluster-admins']),
  ],
  ['system:kube-scheduler', listPods('system:kube-scheduler', [])],
  [
    'system:node:node-1 (Node authorizer, then RBAC)',
    listPods('system:node:node-1', ['system:nodes']),
  ],
]

function perSecond(run: () => void, iterations: number): number {
  const start = performance.now()
  for (let i = 0; i < iterations; i++) run()
  return Math.round(iterations / ((performance.now() - start) / 1000))
}

console.log(
  `[auth] bootstrap policy: ${policy.clusterRoles.size} ClusterRoles, ${policy.clusterRoleBindings.size} ClusterRoleBindings, ` +
    `${[...policy.roleBindings.values()].reduce((n, m) => n + m.size, 0)} RoleBindings`,
)
for (const [label, attributes] of REQUESTS)
  console.log(
    `[auth] Node,RBAC decision, ${label}: ${perSecond(() => authorize(index, attributes), 20_000).toLocaleString('en')} decisions/s`,
  )

// Encryption: one 1 KiB Secret written and read back per provider (real AES / XSalsa20-Poly1305).
const KEY = 'c2VjcmV0IGlzIHNlY3VyZSwgaSB0aGluayBzbyEhISE='
const configFor = (provider: string): EncryptionConfiguration => {
  const parsed = parseEncryptionConfiguration(
    `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - ${provider}:\n      keys:\n      - {name: key1, secret: ${KEY}}\n`,
    'enc.yaml',
  )
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.config
}
const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'default' },
  data: { blob: 'x'.repeat(1024) },
}
const etcdKey = '/registry/secrets/default/db'
const rng = createRng(1)
for (const provider of ['aescbc', 'aesgcm', 'secretbox']) {
  const config = configFor(provider)
  const value = encodeForStorage(secret, etcdKey, config, rng)
  const kv = { key: etcdKey, value, createRevision: 1, modRevision: 1, version: 1 }
  const writes = perSecond(() => encodeForStorage(secret, etcdKey, config, rng), 5_000)
  const reads = perSecond(() => decodeFromStorage(kv, config), 5_000)
  console.log(
    `[encryption] ${provider}, 1 KiB Secret: ${writes.toLocaleString('en')} writes/s, ${reads.toLocaleString('en')} reads/s (encode/decode included)`,
  )
}

describe('authorization', () => {
  bench('RBAC: a denied list (every binding walked)', () => {
    rbacAuthorize(policy, REQUESTS[0]![1])
  })
})
