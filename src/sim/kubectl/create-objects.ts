import type { ObjectMeta } from 'kubernetes-types/meta/v1'
import type { PolicyRule, Subject } from 'kubernetes-types/rbac/v1'
import { base64Encode, utf8ToBytes } from '../core/bytes'
import { findResourceByAlias } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { KubectlCommand } from './state'

/**
 * The objects `kubectl create secret|configmap|role|clusterrole|rolebinding|clusterrolebinding|
 * serviceaccount` builds on the client before POSTing them, with kubectl's own checks.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret.go, create_configmap.go,
 * create_role.go, create_rolebinding.go, create_serviceaccount.go (v1.32)
 */
export type Built = { ok: true; object: KubeObject } | { ok: false; error: string }

// IsConfigMapKey's pattern and text (apimachinery/pkg/util/validation/validation.go, v1.32).
const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/
export const CONFIG_KEY_DETAIL =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

const oneName = (cmd: KubectlCommand, names: string[], usage: string): string | Built => {
  if (names.length !== 1)
    return {
      ok: false,
      error: `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${usage} -h' for help and examples`,
    }
  return names[0] ?? ''
}

const meta = (name: string): ObjectMeta => ({ name, creationTimestamp: null as unknown as string })

/** --from-literal and --from-file into one key → value map, in the order kubectl reads them. */
function collectData(
  cmd: KubectlCommand,
  files: Record<string, string>,
  kind: 'Secret' | 'ConfigMap',
): Record<string, string> | string {
  const data: Record<string, string> = {}
  const add = (key: string, value: string): string | undefined => {
    if (!KEY_PATTERN.test(key))
      return `error: "${key}" is not valid key name for a ${kind} ${CONFIG_KEY_DETAIL}`
    if (key in data) return `error: cannot add key ${key}, another key by that name already exists`
    data[key] = value
    return undefined
  }
  for (const source of cmd.repeated['from-file'] ?? []) {
    const eq = source.indexOf('=')
    const keyPart = eq >= 0 ? source.slice(0, eq) : undefined
    const path = eq >= 0 ? source.slice(eq + 1) : source
    const content = files[path] ?? files[path.replace(/^\.\//, '')]
    if (content === undefined) return `error: error reading ${path}: no such file or directory`
    const error = add(keyPart ?? path.slice(path.lastIndexOf('/') + 1), content)
    if (error) return error
  }
  for (const literal of cmd.repeated['from-literal'] ?? []) {
    const eq = literal.indexOf('=')
    if (eq <= 0) return `error: invalid literal source ${literal}, expected key=value`
    const error = add(literal.slice(0, eq), literal.slice(eq + 1))
    if (error) return error
  }
  return data
}

export function buildSecret(cmd: KubectlCommand, files: Record<string, string>): Built {
  if (cmd.positional[0] !== 'generic') {
    return {
      ok: false,
      error:
        cmd.positional[0] === undefined
          ? 'error: specify the type of secret: generic (the sim does not offer docker-registry or tls)'
          : `error: unknown command "${cmd.positional[0]}"\nSee 'kubectl create secret -h' for help and examples`,
    }
  }
  const name = oneName(cmd, cmd.positional.slice(1), 'secret generic')
  if (typeof name !== 'string') return name
  const data = collectData(cmd, files, 'Secret')
  if (typeof data === 'string') return { ok: false, error: data }
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, base64Encode(utf8ToBytes(v))]),
  )
  return {
    ok: true,
    object: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(name),
      ...(Object.keys(encoded).length > 0 ? { data: encoded } : {}),
      ...(cmd.flags['type'] !== undefined ? { type: cmd.flags['type'] } : {}),
    },
  }
}

export function buildConfigMap(cmd: KubectlCommand, files: Record<string, string>): Built {
  const name = oneName(cmd, cmd.positional, 'configmap')
  if (typeof name !== 'string') return name
  const data = collectData(cmd, files, 'ConfigMap')
  if (typeof data === 'string') return { ok: false, error: data }
  return {
    ok: true,
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(name),
      ...(Object.keys(data).length > 0 ? { data } : {}),
    },
  }
}

export function buildServiceAccount(cmd: KubectlCommand): Built {
  const name = oneName(cmd, cmd.positional, 'serviceaccount')
  if (typeof name !== 'string') return name
  return { ok: true, object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) } }
}

// validResourceVerbs (create_role.go, v1.32).
const STANDARD_VERBS = new Set([
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
  'approve',
  'sign',
])

/** Rules grouped by API group in the order groups first appear, as create role builds them. */
export function buildRole(
  cmd: KubectlCommand,
  kind: 'Role' | 'ClusterRole',
  warn: (text: string) => void,
): Built {
  const name = oneName(cmd, cmd.positional, kind === 'Role' ? 'role' : 'clusterrole')
  if (typeof name !== 'string') return name
  const verbs = (cmd.repeated['verb'] ?? []).flatMap((v) => v.split(','))
  const resources = (cmd.repeated['resource'] ?? []).flatMap((r) => r.split(','))
  const names = (cmd.repeated['resource-name'] ?? []).flatMap((n) => n.split(','))
  if (verbs.length === 0) return { ok: false, error: 'error: at least one verb must be specified' }
  if (resources.length === 0)
    return { ok: false, error: 'error: at least one resource must be specified' }
  for (const verb of verbs)
    if (!STANDARD_VERBS.has(verb)) warn(`'${verb}' is not a standard resource verb`)
  const groups = new Map<string, string[]>()
  for (const spec of resources) {
    const [typeName = '', sub] = spec.split(/\/(.*)/s)
    let group = ''
    let resource = typeName
    if (typeName !== '*') {
      const info = findResourceByAlias(typeName)
      if (!info)
        return {
          ok: false,
          error: `the server doesn't have a resource type "${typeName.split('.')[0] ?? typeName}"`,
        }
      group = info.group
      resource = info.resource
    }
    const list = groups.get(group) ?? []
    list.push(sub !== undefined ? `${resource}/${sub}` : resource)
    groups.set(group, list)
  }
  const rules: PolicyRule[] = [...groups].map(([group, res]) => ({
    apiGroups: [group],
    ...(names.length > 0 ? { resourceNames: names } : {}),
    resources: res,
    verbs,
  }))
  return {
    ok: true,
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta(name), rules },
  }
}

export function buildBinding(
  cmd: KubectlCommand,
  kind: 'RoleBinding' | 'ClusterRoleBinding',
): Built {
  const name = oneName(
    cmd,
    cmd.positional,
    kind === 'RoleBinding' ? 'rolebinding' : 'clusterrolebinding',
  )
  if (typeof name !== 'string') return name
  const role = kind === 'RoleBinding' ? cmd.flags['role'] : undefined
  const clusterRole = cmd.flags['clusterrole']
  if ((role === undefined) === (clusterRole === undefined))
    return {
      ok: false,
      error:
        kind === 'RoleBinding'
          ? 'error: exactly one of clusterrole or role must be specified'
          : 'error: required flag(s) "clusterrole" not set',
    }
  const rbac = 'rbac.authorization.k8s.io'
  const subjects: Subject[] = [
    ...(cmd.repeated['user'] ?? []).map((n) => ({ apiGroup: rbac, kind: 'User', name: n })),
    ...(cmd.repeated['group'] ?? []).map((n) => ({ apiGroup: rbac, kind: 'Group', name: n })),
  ]
  for (const sa of cmd.repeated['serviceaccount'] ?? []) {
    const [namespace = '', saName] = sa.split(':')
    if (saName === undefined || namespace === '')
      return { ok: false, error: `error: serviceaccount must be <namespace>:<name>` }
    subjects.push({ kind: 'ServiceAccount', name: saName, namespace })
  }
  return {
    ok: true,
    object: {
      apiVersion: `${rbac}/v1`,
      kind,
      metadata: meta(name),
      roleRef: {
        apiGroup: rbac,
        kind: role !== undefined ? 'Role' : 'ClusterRole',
        name: role ?? clusterRole ?? '',
      },
      ...(subjects.length > 0 ? { subjects } : {}),
    },
  }
}
