import { findResource, type ResourceInfo } from '../apiserver/resources'
import type { ActorContext, Behaviour } from '../runtime/actor'
import { stopWatch, takePending } from '../runtime/api-client'
import type { WatchEventMessage } from '../runtime/messages'
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
import { parseManifest } from './manifest'
import { onDescribeEvents, onDescribePod, startDescribe } from './describe'
import { EDIT_VERBS, onEditGet, onEditPatch, startEdit } from './node-commands'
import { resourceName } from './output'
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
  ...EDIT_VERBS,
  ...WORKLOAD_VERBS,
]

/** -f -: the documents from stdin (delete -f names them as its targets); false on an error. */
function readManifest(cmd: KubectlCommand, stdin: string | undefined): boolean {
  const file = cmd.flags['filename']
  if (file === undefined) {
    fail(cmd, 'error: must specify one of -f and -k')
    return false
  }
  if (file !== '-') {
    fail(cmd, `error: the path "${file}" does not exist`)
    return false
  }
  const parsed = parseManifest(stdin ?? '')
  if (!parsed.ok) {
    fail(cmd, parsed.error)
    return false
  }
  cmd.docs = parsed.objects
  if (cmd.verb === 'delete')
    cmd.positional = parsed.objects.map(
      (o) => `${String(o.kind).toLowerCase()}/${o.metadata?.name ?? ''}`,
    )
  return true
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
  const started =
    verb === 'get'
      ? startGet(ctx, state, cmd)
      : verb === 'scale'
        ? startScale(ctx, state, cmd)
        : verb === 'delete'
          ? startDeleteByName(ctx, state, cmd)
          : verb === 'describe'
            ? startDescribe(ctx, state, cmd)
            : EDIT_VERBS.includes(verb)
              ? startEdit(ctx, state, cmd)
              : nextDocument(ctx, state, cmd)
  if (!started) finish(ctx, state, cmd)
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
      onGetResponse(cmd, info, data.named === true, code, body)
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
    if (body.type !== 'http-response') return
    const pending = takePending(state.client, body)
    if (pending) onResponse(ctx, state, pending.purpose, pending.data, body.code, body.body)
  },
  onTimer() {
    // No timers.
  },
}
