import { findResource, type ResourceInfo } from '../apiserver/resources'
import type { ActorContext, Behaviour } from '../runtime/actor'
import { callApi, isTransportFailure, stopWatch, takePending } from '../runtime/api-client'
import type { HttpMethod, HttpResponse, WatchEventMessage } from '../runtime/messages'
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
import { readManifest } from './read-manifest'
import { onDescribeEvents, onDescribePod, startDescribe } from './describe'
import { EDIT_VERBS, onEditGet, onEditPatch, startEdit } from './node-commands'
import { resourceName } from './output'
import { onLogsChunk, onLogsPod, onLogsResponse, startLogs } from './logs'
import { onExposeCreate, onExposeGet, startExpose } from './expose'
import {
  onDescribeServiceEndpoints,
  onDescribeServiceEvents,
  onDescribeServiceObject,
} from './describe-service'
import type { KubectlCommand, KubectlState } from './state'
import {
  WORKLOAD_VERBS,
  onWorkloadResponse,
  onWorkloadWatchEvent,
  startWorkloadCommand,
} from './workload-dispatch'

const VERBS = [
  'get',
  'apply',
  'create',
  'delete',
  'scale',
  'describe',
  'logs',
  'expose',
  ...EDIT_VERBS,
  ...WORKLOAD_VERBS,
]

type Starter = (ctx: ActorContext, state: KubectlState, cmd: KubectlCommand) => boolean

/** Verbs with their own first request; the others apply or edit their documents in turn. */
function starterFor(verb: string): Starter {
  switch (verb) {
    case 'get':
      return startGet
    case 'scale':
      return startScale
    case 'delete':
      return startDeleteByName
    case 'describe':
      return startDescribe
    case 'logs':
      return startLogs
    case 'expose':
      return startExpose
    default:
      return EDIT_VERBS.includes(verb) ? startEdit : nextDocument
  }
}

/** Starts one kubectl invocation; its output arrives as a KubectlFinished trace event. */
export function runKubectl(
  ctx: ActorContext,
  state: KubectlState,
  id: string,
  line: string,
  stdin: string | undefined,
): void {
  const tokens = tokenize(line)
  if (tokens[0] === 'kubectl') tokens.shift()
  const verb = tokens.shift() ?? ''
  const { positional, flags } = parseArgs(tokens)
  const cmd: KubectlCommand = {
    id,
    line,
    verb,
    positional,
    flags,
    namespace: flags['namespace'] ?? 'default',
    docs: [],
    docIndex: 0,
    output: [],
    stderr: [],
    errors: [],
  }
  state.commands[id] = cmd
  if (!VERBS.includes(verb)) {
    fail(
      cmd,
      verb === '' ? 'error: no command given' : `error: unknown command "${verb}" for "kubectl"`,
    )
    return finish(ctx, state, cmd)
  }
  const needsManifest =
    verb === 'apply' ||
    (verb === 'create' && positional[0] !== 'deployment') ||
    (verb === 'delete' && flags['filename'] !== undefined)
  if (needsManifest && !readManifest(cmd, stdin)) return finish(ctx, state, cmd)
  if (
    verb === 'delete' &&
    flags['filename'] === undefined &&
    positional.length > 1 &&
    !(positional[0] ?? '').includes('/')
  ) {
    // `delete pod a b` is `delete pod/a pod/b`.
    cmd.positional = positional.slice(1).map((name) => `${positional[0] ?? ''}/${name}`)
  }
  const workload = startWorkloadCommand(ctx, state, cmd)
  if (workload !== undefined) {
    if (!workload) finish(ctx, state, cmd)
    return
  }
  if (!starterFor(verb)(ctx, state, cmd)) finish(ctx, state, cmd)
}

function advanceDocuments(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): void {
  cmd.docIndex++
  if (!nextDocument(ctx, state, cmd)) finish(ctx, state, cmd)
}

interface ResponseData {
  cmd: string
  kind?: string
  resource?: string
  group?: string
  name?: string
  named?: boolean
  created?: boolean
  message?: string
}

function onResponse(
  ctx: ActorContext,
  state: KubectlState,
  purpose: string,
  raw: unknown,
  code: number,
  body: unknown,
  streaming = false,
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
      onApplyWrite(cmd, data.created === true, code, body)
      return advanceDocuments(ctx, state, cmd)
    case 'expose-get':
      if (!onExposeGet(ctx, state, cmd, data.kind ?? '', code, body)) finish(ctx, state, cmd)
      return
    case 'expose-create':
      onExposeCreate(cmd, data.name ?? '', code, body)
      return finish(ctx, state, cmd)
    case 'describe-svc':
      if (!onDescribeServiceObject(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'describe-svc-endpoints':
      if (!onDescribeServiceEndpoints(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'describe-svc-events':
      onDescribeServiceEvents(ctx, cmd, code, body)
      return finish(ctx, state, cmd)
    case 'logs-pod':
      if (!onLogsPod(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'logs':
      if (!onLogsResponse(ctx, cmd, code, body, streaming)) finish(ctx, state, cmd)
      return
    default:
      if (onWorkloadResponse(ctx, state, cmd, purpose, code, body) === false)
        finish(ctx, state, cmd)
      return
  }
}

/** A watch event for `rollout status`; the watch closes once the command is over. */
function onWatchEvent(ctx: ActorContext, state: KubectlState, message: WatchEventMessage): void {
  const pending = state.client.pending[message.requestId]
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
      onWatchEvent(ctx, state, body)
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
    if (isTransportFailure(body.body)) body.body.transport.request ??= pending.request
    if (pending.purpose === 'raw') onRawResponse(ctx, String(pending.data), body)
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

/** sim.request's answer: the response as the client received it. */
function onRawResponse(ctx: ActorContext, requestId: string, response: HttpResponse): void {
  ctx.emit({
    type: 'ApiResponded',
    requestId,
    code: response.code,
    body: response.body,
    ...(response.warnings ? { warnings: response.warnings } : {}),
  })
}

/** Sends one request exactly as given (sim.request): the body is the client's JSON text. */
export function sendRawRequest(ctx: ActorContext, state: KubectlState, request: RawRequest): void {
  callApi(
    ctx,
    state.client,
    {
      method: request.method,
      path: request.path,
      ...(request.query ? { query: request.query } : {}),
      ...(request.body !== undefined ? { rawBody: request.body } : {}),
      ...(request.contentType !== undefined ? { contentType: request.contentType } : {}),
      label: `${request.method} ${request.path}`,
    },
    { purpose: 'raw', data: request.requestId },
  )
}

export interface RawRequest {
  requestId: string
  method: HttpMethod
  path: string
  query?: Record<string, string> | undefined
  body?: string | undefined
  contentType?: string | undefined
}
