import type { PolicyRule } from 'kubernetes-types/rbac/v1'
import { findResourceByAlias } from '../apiserver/resources'
import { alignTabs } from '../printers/tabwriter'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { fail, print } from './commands'
import { formatApiError, toJson, toYaml } from './output'
import { rulesTable } from './rules-table'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews'

function warn(cmd: KubectlCommand, text: string): void {
  cmd.output.push(`Warning: ${text}`)
  cmd.stderr.push(`Warning: ${text}`)
}

function post(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  path: string,
  body: unknown,
  purpose: string,
): true {
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'POST', path, body, step: 1 },
    { purpose, data: cmd.id },
  )
  return true
}

/**
 * `kubectl auth can-i VERB RESOURCE[/NAME]` (a SelfSubjectAccessReview), `can-i --list`
 * (a SelfSubjectRulesReview) and `kubectl auth whoami` (a SelfSubjectReview). With --as the
 * review is about the impersonated user, since the request itself runs as them.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and whoami.go (v1.32)
 */
export function startAuth(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const [sub, ...args] = cmd.positional
  if (sub === 'whoami')
    return post(
      ctx,
      state,
      cmd,
      SSR,
      {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {},
        status: { userInfo: {} },
      },
      'auth-whoami',
    )
  if (sub !== 'can-i') {
    fail(
      cmd,
      sub === undefined
        ? 'error: specify a subcommand: can-i, whoami'
        : `error: unknown command "${sub}" for "kubectl auth"`,
    )
    return false
  }
  const allNamespaces = cmd.flags['all-namespaces'] === 'true'
  const namespace = allNamespaces ? '' : cmd.namespace
  if (cmd.flags['list'] === 'true') {
    if (args.length !== 0) {
      fail(cmd, 'error: list option must be specified with no arguments')
      return false
    }
    return post(
      ctx,
      state,
      cmd,
      SSRR,
      {
        kind: 'SelfSubjectRulesReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { namespace },
      },
      'auth-can-i-list',
    )
  }
  return canI(ctx, state, cmd, args, namespace, allNamespaces)
}

/** `can-i VERB TYPE[/NAME]` or `can-i VERB /non-resource-url`: a SelfSubjectAccessReview. */
function canI(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  args: string[],
  namespace: string,
  allNamespaces: boolean,
): boolean {
  const [verb = '', target] = args
  if (args.length !== 2 || target === undefined) {
    fail(
      cmd,
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    )
    return false
  }
  if (target.startsWith('/'))
    return post(
      ctx,
      state,
      cmd,
      SSAR,
      {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { nonResourceAttributes: { path: target, verb } },
      },
      'auth-can-i',
    )
  const [typeName = '', name = ''] = target.split(/\/(.*)/s)
  let group = ''
  let resource = typeName
  if (typeName !== '*') {
    const [plain = '', explicitGroup] = typeName.split(/\.(.*)/s)
    const info = findResourceByAlias(typeName)
    if (info) {
      group = info.group
      resource = info.resource
      if (!info.namespaced && !allNamespaces)
        warn(
          cmd,
          `resource '${info.resource}' is not namespace scoped${info.group === '' ? '' : ` in group '${info.group}'`}`,
        )
    } else {
      resource = plain
      group = explicitGroup ?? ''
      warn(
        cmd,
        `the server doesn't have a resource type '${plain}'${explicitGroup ? ` in group '${explicitGroup}'` : ''}`,
      )
    }
  }
  return post(
    ctx,
    state,
    cmd,
    SSAR,
    {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: {
        resourceAttributes: {
          namespace,
          verb,
          group,
          resource,
          subresource: cmd.flags['subresource'] ?? '',
          name,
        },
      },
    },
    'auth-can-i',
  )
}

/** Prints the answer; returns nothing (the command ends). */
export function onAuthResponse(
  cmd: KubectlCommand,
  purpose: string,
  code: number,
  body: unknown,
): void {
  if (code !== 201 && code !== 200) return fail(cmd, formatApiError(body))
  const status = (body as { status?: Record<string, unknown> }).status ?? {}
  if (purpose === 'auth-can-i') {
    const allowed = status['allowed'] === true
    const reason =
      typeof status['reason'] === 'string' && status['reason'] !== ''
        ? ` - ${status['reason']}`
        : ''
    if (cmd.flags['quiet'] !== 'true') print(cmd, allowed ? 'yes' : `no${reason}`)
    cmd.exitCode = allowed ? 0 : 1
    return
  }
  if (purpose === 'auth-can-i-list') {
    if (status['incomplete'] === true)
      warn(
        cmd,
        `the list may be incomplete: ${typeof status['evaluationError'] === 'string' ? status['evaluationError'] : ''}`,
      )
    const rules: PolicyRule[] = [
      ...((status['resourceRules'] ?? []) as PolicyRule[]),
      ...((status['nonResourceRules'] ?? []) as PolicyRule[]),
    ]
    return print(cmd, rulesTable(rules, cmd.flags['no-headers'] === 'true'))
  }
  const output = cmd.flags['output']
  if (output === 'yaml') return print(cmd, toYaml(body))
  if (output === 'json') return print(cmd, toJson(body))
  const user = (status['userInfo'] ?? {}) as {
    username?: string
    uid?: string
    groups?: string[]
    extra?: Record<string, string[]>
  }
  const lines = ['ATTRIBUTE\tVALUE']
  if (user.username) lines.push(`Username\t${user.username}`)
  if (user.uid) lines.push(`UID\t${user.uid}`)
  if (user.groups && user.groups.length > 0) lines.push(`Groups\t[${user.groups.join(' ')}]`)
  for (const key of Object.keys(user.extra ?? {}).sort())
    lines.push(`Extra: ${key}\t[${(user.extra?.[key] ?? []).join(' ')}]`)
  print(cmd, alignTabs(`${lines.join('\n')}\n`).replace(/\n$/, ''))
}
