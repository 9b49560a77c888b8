import { findResourceByKind, restPath, type ResourceInfo } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { fail, print } from './commands'
import {
  buildBinding,
  buildConfigMap,
  buildRole,
  buildSecret,
  buildServiceAccount,
  type Built,
} from './create-objects'
import { formatApiError, resourceName, toJson, toYaml } from './output'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

/** The `kubectl create <kind>` generators the sim offers (besides `create -f`). */
export const CREATE_SUBCOMMANDS = new Set([
  'secret',
  'configmap',
  'cm',
  'role',
  'clusterrole',
  'rolebinding',
  'clusterrolebinding',
  'serviceaccount',
  'sa',
  'token',
])

// How each generator words a failed create (captured from kubectl v1.32): secret has no colon,
// role and clusterrole print the server error as is.
const FAILURE_PREFIX: Record<string, string | undefined> = {
  Secret: 'error: failed to create secret ',
  ConfigMap: 'error: failed to create configmap: ',
  ServiceAccount: 'error: failed to create serviceaccount: ',
  RoleBinding: 'error: failed to create rolebinding: ',
  ClusterRoleBinding: 'error: failed to create clusterrolebinding: ',
}

function build(cmd: KubectlCommand, state: KubectlState, kind: string): Built {
  const sub = { ...cmd, positional: cmd.positional.slice(1) }
  const warn = (text: string) => {
    cmd.output.push(`Warning: ${text}`)
    cmd.stderr.push(`Warning: ${text}`)
  }
  switch (kind) {
    case 'secret':
      return buildSecret(sub, state.files)
    case 'configmap':
    case 'cm':
      return buildConfigMap(sub, state.files)
    case 'role':
      return buildRole(sub, 'Role', warn)
    case 'clusterrole':
      return buildRole(sub, 'ClusterRole', warn)
    case 'rolebinding':
      return buildBinding(sub, 'RoleBinding')
    case 'clusterrolebinding':
      return buildBinding(sub, 'ClusterRoleBinding')
    default:
      return buildServiceAccount(sub)
  }
}

/** `kubectl create secret generic …` and friends: build on the client, POST, print "kind/name created". */
export function startCreateSubcommand(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const kind = cmd.positional[0] ?? ''
  if (kind === 'token') return startCreateToken(ctx, state, cmd)
  const built = build(cmd, state, kind)
  if (!built.ok) {
    fail(cmd, built.error)
    return false
  }
  const object = built.object
  const info = findResourceByKind(object.apiVersion ?? '', object.kind ?? '') as ResourceInfo
  const name = object.metadata?.name ?? ''
  if (cmd.flags['dry-run'] === 'client') {
    const output = cmd.flags['output']
    if (output === 'yaml') print(cmd, toYaml(object))
    else if (output === 'json') print(cmd, toJson(object))
    else print(cmd, `${resourceName(info, name)} created (dry run)`)
    return false
  }
  const namespace = info.namespaced ? cmd.namespace : undefined
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'POST',
      path: restPath(info, namespace),
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' },
      body: object,
      step: 1,
      about: { kind: info.kind, name, ...(namespace !== undefined ? { namespace } : {}) },
    },
    { purpose: 'create-object', data: { cmd: cmd.id, resource: info.resource, group: info.group } },
  )
  return true
}

export function onCreateObjectResponse(
  cmd: KubectlCommand,
  info: ResourceInfo,
  code: number,
  body: unknown,
): void {
  if (code === 201 || code === 200) {
    print(cmd, `${resourceName(info, (body as KubeObject).metadata?.name ?? '')} created`)
    return
  }
  const prefix = FAILURE_PREFIX[info.kind]
  const message = (body as { message?: string } | undefined)?.message ?? ''
  fail(cmd, prefix !== undefined ? `${prefix}${message}` : formatApiError(body))
}

/** `kubectl create token SA [--duration=10m] [--audience=…]`: a TokenRequest; prints the JWT. */
function startCreateToken(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const names = cmd.positional.slice(1)
  if (names.length !== 1) {
    fail(
      cmd,
      `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create token -h' for help and examples`,
    )
    return false
  }
  const spec: Record<string, unknown> = {}
  const audiences = cmd.repeated['audience'] ?? []
  if (audiences.length > 0) spec['audiences'] = audiences
  const duration = cmd.flags['duration']
  if (duration !== undefined) {
    const seconds = parseDuration(duration)
    if (seconds === undefined) {
      fail(
        cmd,
        `error: invalid argument "${duration}" for "--duration" flag: time: invalid duration "${duration}"`,
      )
      return false
    }
    spec['expirationSeconds'] = seconds
  }
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'POST',
      path: `/api/v1/namespaces/${cmd.namespace}/serviceaccounts/${names[0] ?? ''}/token`,
      body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: {}, spec },
      step: 1,
    },
    { purpose: 'create-token', data: cmd.id },
  )
  return true
}

/** Go's time.ParseDuration for the units kubectl users type (h, m, s). */
function parseDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1 }
  return Math.floor(parts.reduce((n, p) => n + Number(p[1]) * (unit[p[2] ?? 's'] ?? 1), 0))
}

export function onCreateTokenResponse(cmd: KubectlCommand, code: number, body: unknown): void {
  if (code !== 201 && code !== 200) {
    fail(
      cmd,
      `error: failed to create token: ${(body as { message?: string } | undefined)?.message ?? ''}`,
    )
    return
  }
  const token = (body as { status?: { token?: string } }).status?.token
  if (!token) return fail(cmd, 'error: failed to create token: no token in server response')
  print(cmd, token)
}
