import { findResource, type ResourceInfo } from '../apiserver/resources'
import type { ActorContext, Behaviour } from '../runtime/actor'
import { API_SERVER_URL, isTransportFailure, takePending } from '../runtime/api-client'
import { tokenize, parseArgs } from './argv'
import { nextDocument, onApplyGet, onApplyWrite } from './apply'
import {
  fail,
  finish,
  onDeleteResponse,
  onGetResponse,
  print,
  startDeleteByName,
  startGet,
  startScale,
} from './commands'
import { prepareManifest } from './stdin-manifest'
import { onRawResponse } from './raw-request'
import { onDescribeEvents, onDescribePod, startDescribe } from './describe'
import { EDIT_VERBS, onEditGet, onEditPatch, startEdit } from './node-commands'
import { resourceName } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { runConfigCommand } from './config-commands'
import { onExecResponse, startExec } from './exec-command'
import { resolveKubeconfig } from './kubeconfig'
import { onAuthResponse, startAuth } from './auth-commands'
import {
  CREATE_SUBCOMMANDS,
  onCreateObjectResponse,
  onCreateTokenResponse,
  startCreateSubcommand,
} from './create-commands'

const VERBS = [
  'get',
  'apply',
  'create',
  'replace',
  'delete',
  'scale',
  'describe',
  'config',
  'auth',
  'exec',
  ...EDIT_VERBS,
]

/** Starts one kubectl invocation; its output arrives as a KubectlFinished trace event. */
export function runKubectl(
  ctx: ActorContext,
  state: KubectlState,
  id: string,
  line: string,
  stdin: string | undefined,
): void {
  // `kubectl get secrets -A -o json | kubectl replace -f -`: stages run one after another.
  const [first = '', ...rest] = line.split(/\s+\|\s+/)
  runPipelineStage(ctx, state, id, first, stdin, [], rest.join(' | '))
}

/** Runs one stage of a pipeline with `stdin`; `shown` is what earlier stages left on screen. */
export function runPipelineStage(
  ctx: ActorContext,
  state: KubectlState,
  id: string,
  line: string,
  stdin: string | undefined,
  shown: string[],
  rest = '',
): void {
  const [stage = '', ...more] = rest === '' ? [line] : [line, rest]
  const tokens = tokenize(stage)
  if (tokens[0] === 'kubectl') tokens.shift()
  const verb = tokens.shift() ?? ''
  // `exec POD -- COMMAND…`: everything after -- belongs to the container's command.
  const dash = tokens.indexOf('--')
  const afterDash = dash >= 0 ? tokens.slice(dash + 1) : undefined
  const { positional, flags, repeated } = parseArgs(dash >= 0 ? tokens.slice(0, dash) : tokens)
  if (afterDash) repeated['--'] = afterDash
  const cmd: KubectlCommand = {
    id,
    line,
    verb,
    positional,
    flags,
    repeated,
    namespace: flags['namespace'] ?? 'default',
    docs: [],
    docIndex: 0,
    output: [...shown],
    stderr: [...shown],
    errors: [],
    ...(more.length > 0 ? { then: more.join(' | ') } : {}),
  }
  state.commands[id] = cmd
  if (!VERBS.includes(verb)) {
    fail(
      cmd,
      verb === '' ? 'error: no command given' : `error: unknown command "${verb}" for "kubectl"`,
    )
    return finish(ctx, state, cmd)
  }
  if (verb === 'config') {
    const result = runConfigCommand(state.kubeconfig, cmd)
    for (const out of result.out) print(cmd, out)
    if (result.err !== undefined) fail(cmd, result.err)
    return finish(ctx, state, cmd)
  }
  // create rolebinding's own --user names a subject; it shadows the global kubeconfig flag.
  const bindsUsers = verb === 'create' && /^(cluster)?rolebinding$/.test(positional[0] ?? '')
  const configFlags = bindsUsers ? { ...flags, user: undefined } : flags
  const resolved = resolveKubeconfig(
    state.kubeconfig,
    Object.fromEntries(Object.entries(configFlags).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
    repeated['as-group'] ?? [],
  )
  if (typeof resolved === 'string') {
    fail(cmd, resolved)
    return finish(ctx, state, cmd)
  }
  if (resolved.cluster.server !== API_SERVER_URL) {
    const host = resolved.cluster.server.replace(/^https?:\/\//, '').replace(/:\d+.*$/, '')
    fail(
      cmd,
      `Unable to connect to the server: dial tcp: lookup ${host} on 127.0.0.53:53: no such host`,
    )
    return finish(ctx, state, cmd)
  }
  cmd.resolved = resolved
  cmd.namespace = resolved.namespace
  if (!prepareManifest(cmd, stdin)) return finish(ctx, state, cmd)
  if (!startVerb(ctx, state, cmd)) finish(ctx, state, cmd)
}

function startVerb(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  switch (cmd.verb) {
    case 'get':
      return startGet(ctx, state, cmd)
    case 'scale':
      return startScale(ctx, state, cmd)
    case 'delete':
      return startDeleteByName(ctx, state, cmd)
    case 'describe':
      return startDescribe(ctx, state, cmd)
    case 'auth':
      return startAuth(ctx, state, cmd)
    case 'exec':
      return startExec(ctx, state, cmd)
    case 'create':
      if (CREATE_SUBCOMMANDS.has(cmd.positional[0] ?? ''))
        return startCreateSubcommand(ctx, state, cmd)
      return nextDocument(ctx, state, cmd)
    default:
      return EDIT_VERBS.includes(cmd.verb)
        ? startEdit(ctx, state, cmd)
        : nextDocument(ctx, state, cmd)
  }
}

function advanceDocuments(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): void {
  cmd.docIndex++
  if (!nextDocument(ctx, state, cmd)) finish(ctx, state, cmd)
}

interface ResponseData {
  cmd: string
  resource?: string
  group?: string
  name?: string
  named?: boolean
  created?: boolean
  replaced?: boolean
  message?: string
}

function onResponse(
  ctx: ActorContext,
  state: KubectlState,
  purpose: string,
  raw: unknown,
  code: number,
  body: unknown,
): void {
  const data: ResponseData = typeof raw === 'string' ? { cmd: raw } : (raw as ResponseData)
  const cmd = state.commands[data.cmd]
  if (!cmd) return
  const info = findResource(data.group ?? '', data.resource ?? '') as ResourceInfo
  switch (purpose) {
    case 'get':
      onGetResponse(cmd, info, data.named === true, code, body, data.name)
      return finish(ctx, state, cmd)
    case 'delete':
      onDeleteResponse(cmd, info, data.name ?? '', code, body)
      cmd.positional.shift()
      if (cmd.positional.length > 0 && startDeleteByName(ctx, state, cmd)) return
      return finish(ctx, state, cmd)
    case 'scale':
      if (code === 200) print(cmd, `${resourceName(info, data.name ?? '')} scaled`)
      else onDeleteResponse(cmd, info, data.name ?? '', code, body)
      return finish(ctx, state, cmd)
    case 'describe-pod':
      if (!onDescribePod(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'describe-events':
      onDescribeEvents(ctx, cmd, code, body)
      return finish(ctx, state, cmd)
    case 'edit-get':
      if (!onEditGet(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'edit-patch':
      if (!onEditPatch(ctx, state, cmd, code, body, data.message ?? '')) finish(ctx, state, cmd)
      return
    case 'apply-get':
      if (!onApplyGet(ctx, state, cmd, code, body)) advanceDocuments(ctx, state, cmd)
      return
    case 'apply-write':
      onApplyWrite(cmd, data.created === true, code, body, data.replaced === true)
      return advanceDocuments(ctx, state, cmd)
    case 'create-object':
      onCreateObjectResponse(cmd, info, code, body)
      return finish(ctx, state, cmd)
    case 'exec':
      onExecResponse(cmd, code, body)
      return finish(ctx, state, cmd)
    case 'create-token':
      onCreateTokenResponse(cmd, code, body)
      return finish(ctx, state, cmd)
    case 'auth-can-i':
    case 'auth-can-i-list':
    case 'auth-whoami':
      onAuthResponse(cmd, purpose, code, body)
      return finish(ctx, state, cmd)
    default:
      return
  }
}

/** kubectl on the user's laptop: every command is HTTP requests to kube-apiserver. */
export const kubectl: Behaviour<KubectlState> = {
  start() {
    // A CLI has nothing to do until the user types.
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type !== 'http-response') return
    const pending = takePending(state.client, body)
    if (!pending) return
    // No HTTP response: name the call the way Go's url.Error does.
    if (isTransportFailure(body.body)) body.body.transport.request ??= pending.request
    if (pending.purpose === 'raw') onRawResponse(ctx, String(pending.data), body)
    else onResponse(ctx, state, pending.purpose, pending.data, body.code, body.body)
  },
  onTimer() {
    // No timers.
  },
  onCrash(ctx, state, error) {
    // A Go panic ends the process with exit status 2, printing the panic; nothing survives it.
    for (const cmd of Object.values(state.commands)) {
      cmd.output.push(`panic: ${error}`)
      cmd.errors = []
      cmd.exitCode = 2
      finish(ctx, state, cmd)
    }
    for (const [id, call] of Object.entries(state.client.pending)) {
      if (call.purpose !== 'raw') continue
      onRawResponse(ctx, String(call.data), {
        type: 'http-response',
        requestId: Number(id),
        code: 0,
        body: { transport: { error: `panic: ${error}`, request: call.request } },
      })
    }
    state.client.pending = {}
  },
}
