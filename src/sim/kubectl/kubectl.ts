import type { ActorContext, Behaviour } from '../runtime/actor'
import { onStampedeResponse } from './stampede'
import {
  API_SERVER_URL,
  isTransportFailure,
  requestText,
  stopWatch,
  takePending,
} from '../runtime/api-client'
import type { WatchEventMessage } from '../runtime/messages'
import { tokenize, parseArgs } from './argv'
import { onResponse } from './kubectl-responses'
import { nextDocument } from './apply'
import { fail, finish, print, startDeleteByName, startGet, startScale } from './commands'
import { prepareManifest } from './stdin-manifest'
import { onRawResponse, onRawWatchEvent } from './raw-request'
import { startDescribe } from './describe'
import { EDIT_VERBS, startEdit } from './node-commands'
import { onLogsChunk, startLogs } from './logs'
import { startExpose } from './expose'
import type { KubectlCommand, KubectlState } from './state'
import { WORKLOAD_VERBS, onWorkloadWatchEvent, startWorkloadCommand } from './workload-dispatch'
import { runConfigCommand } from './config-commands'
import { startExec } from './exec-command'
import { resolveKubeconfig } from './kubeconfig'
import { startAuth } from './auth-commands'
import { CREATE_SUBCOMMANDS, startCreateSubcommand } from './create-commands'

const VERBS = [
  'get',
  'apply',
  'create',
  'replace',
  'delete',
  'scale',
  'describe',
  'logs',
  'expose',
  'config',
  'auth',
  'exec',
  ...EDIT_VERBS,
  ...WORKLOAD_VERBS,
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
    source:
      flags['filename'] === undefined || flags['filename'] === '-' ? 'STDIN' : flags['filename'],
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
  const workload = startWorkloadCommand(ctx, state, cmd)
  if (workload !== undefined) {
    if (!workload) finish(ctx, state, cmd)
    return
  }
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
    case 'logs':
      return startLogs(ctx, state, cmd)
    case 'expose':
      return startExpose(ctx, state, cmd)
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

/** A watch event for `rollout status`; the watch closes once the command is over. */
function onWatchEvent(ctx: ActorContext, state: KubectlState, message: WatchEventMessage): void {
  const pending = state.client.pending.get(message.requestId)
  const cmd = pending && state.commands[(pending.data as { cmd: string }).cmd]
  if (!cmd) return
  if (onWorkloadWatchEvent(cmd, message)) return
  stopWatch(ctx, state.client, message.requestId)
  finish(ctx, state, cmd)
}

/** kubectl on the user's laptop: every command is HTTP requests to kube-apiserver. */
export const kubectl: Behaviour<KubectlState> = {
  start() {
    // A CLI has nothing to do until the user types.
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'watch-event') {
      if (state.client.pending.get(body.requestId)?.purpose === 'raw')
        onRawWatchEvent(ctx, state, body)
      else onWatchEvent(ctx, state, body)
      return
    }
    if (body.type === 'http-chunk') {
      onLogsChunk(ctx, state, body)
      return
    }
    if (body.type !== 'http-response') return
    const pending = takePending(state.client, body)
    if (!pending) return
    // No HTTP response: name the call the way Go's url.Error does.
    if (isTransportFailure(body.body)) body.body.transport.request ??= requestText(pending)
    if (pending.purpose === 'stampede') onStampedeResponse(state, body)
    else if (pending.purpose === 'raw') onRawResponse(ctx, String(pending.data), body)
    else
      onResponse(
        ctx,
        state,
        pending.purpose,
        pending.data,
        body.code,
        body.body,
        body.streaming === true,
      )
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
    for (const [id, call] of [...state.client.pending]) {
      if (call.purpose !== 'raw') continue
      onRawResponse(ctx, String(call.data), {
        type: 'http-response',
        requestId: id,
        code: 0,
        body: { transport: { error: `panic: ${error}`, request: requestText(call) } },
      })
    }
    state.client.pending = new Map()
  },
}
