/**
 * `kubectl logs [-f] [-p] [-c CONTAINER] [--tail=N] [--timestamps] [--since=5m] POD`: GET the
 * Pod (to pick the container: -c, the `kubectl.kubernetes.io/default-container` annotation, or
 * the first one, saying so on stderr), then GET pods/NAME/log, which the API server proxies to
 * the node's kubelet. With -f the response stays open and new lines print as the container
 * writes them, until it exits or the user interrupts.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go, pkg/cmd/util/podcmd (v1.32).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { HttpCancel, HttpChunk } from '../runtime/workload-messages'
import { tokenize } from './argv'
import { fail, finish, print, succeeded } from './commands'
import { formatApiError } from './output'
import { clientFor, type KubectlCommand, type KubectlState, type LogsRequest } from './state'

type LogsOptions = LogsRequest

const BOOLEAN = new Set(['-f', '--follow', '-p', '--previous', '--timestamps'])

/** Parses logs' own flags (-f means --follow here, not --filename). */
function parseLogs(line: string): LogsOptions | string {
  const tokens = tokenize(line)
  if (tokens[0] === 'kubectl') tokens.shift()
  tokens.shift()
  const positional: string[] = []
  const flags: Record<string, string> = {}
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? ''
    const [name = '', inline] = t.split(/=(.*)/s, 2)
    if (BOOLEAN.has(name)) flags[name.replace(/^-+/, '')] = inline ?? 'true'
    else if (name === '-c' || name === '--container')
      flags['container'] = inline ?? tokens[++i] ?? ''
    else if (name === '-n' || name === '--namespace')
      flags['namespace'] = inline ?? tokens[++i] ?? ''
    else if (name === '--tail') flags['tail'] = inline ?? tokens[++i] ?? ''
    else if (name === '--since') flags['since'] = inline ?? tokens[++i] ?? ''
    else if (t.startsWith('-')) return `error: unknown flag: ${name}`
    else positional.push(t)
  }
  const target = positional[0]
  if (target === undefined)
    return "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"
  const pod =
    target.startsWith('pod/') || target.startsWith('pods/') ? (target.split('/')[1] ?? '') : target
  const truthy = (v: string | undefined) => v !== undefined && v !== 'false'
  return {
    pod,
    follow: truthy(flags['f'] ?? flags['follow']),
    previous: truthy(flags['p'] ?? flags['previous']),
    timestamps: truthy(flags['timestamps']),
    ...(flags['container'] !== undefined ? { container: flags['container'] } : {}),
    ...(flags['tail'] !== undefined ? { tail: flags['tail'] } : {}),
    ...(flags['since'] !== undefined ? { since: flags['since'] } : {}),
  }
}

/** --since=5m → seconds, as a Go duration. */
function sinceSeconds(text: string): number | undefined {
  const match = /^(\d+)(s|m|h)$/.exec(text)
  if (!match) return undefined
  const unit = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1
  return Number(match[1]) * unit
}

export function startLogs(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const options = parseLogs(cmd.line)
  if (typeof options === 'string') {
    fail(cmd, options)
    return false
  }
  cmd.logs = options
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'GET', path: `/api/v1/namespaces/${cmd.namespace}/pods/${options.pod}`, step: 1 },
    { purpose: 'logs-pod', data: { cmd: cmd.id } },
  )
  return true
}

/** The Pod is here: choose the container and ask for its log. Returns whether it continues. */
export function onLogsPod(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const options = cmd.logs
  if (code !== 200 || !options) {
    fail(cmd, formatApiError(body))
    return false
  }
  const pod = body as Pod
  let container = options.container
  if (container === undefined) {
    const names = (pod.spec?.containers ?? []).map((c) => c.name)
    const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']
    container = annotated ?? names[0] ?? ''
    if (annotated === undefined && names.length > 1) {
      const inits = (pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)
      const note = `Defaulted container "${container}" out of: ${[...names, ...inits].join(', ')}`
      cmd.output.push(note)
      cmd.stderr.push(note)
    }
  }
  const query: Record<string, string> = { container }
  if (options.follow) query['follow'] = 'true'
  if (options.previous) query['previous'] = 'true'
  if (options.timestamps) query['timestamps'] = 'true'
  if (options.tail !== undefined && options.tail !== '-1') query['tailLines'] = options.tail
  const since = options.since !== undefined ? sinceSeconds(options.since) : undefined
  if (since !== undefined) query['sinceSeconds'] = String(since)
  const requestId = callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'GET',
      path: `/api/v1/namespaces/${cmd.namespace}/pods/${options.pod}/log`,
      query,
      step: 1,
    },
    { purpose: 'logs', data: { cmd: cmd.id } },
  )
  cmd.streamRequestId = requestId
  return true
}

/** The log (or the first part of a followed one). Returns whether the command stays open. */
export function onLogsResponse(
  ctx: ActorContext,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
  streaming: boolean,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const text = typeof body === 'string' ? body : ''
  if (text !== '') print(cmd, text)
  // A followed log is live from here, even before it has a line: the UI can offer Ctrl-C.
  if (streaming) ctx.emit({ type: 'KubectlOutput', commandId: cmd.id, text })
  return streaming
}

/** More of a followed log; the end finishes the command (the container exited). */
export function onLogsChunk(ctx: ActorContext, state: KubectlState, chunk: HttpChunk): void {
  const cmd = Object.values(state.commands).find((c) => c.streamRequestId === chunk.requestId)
  if (!cmd) return
  if (chunk.text !== '') {
    print(cmd, chunk.text)
    ctx.emit({ type: 'KubectlOutput', commandId: cmd.id, text: chunk.text })
  }
  if (chunk.end) finish(ctx, state, cmd)
}

/** Ctrl-C: hang up the stream and exit (130, as a shell reports SIGINT). */
export function interruptCommand(ctx: ActorContext, state: KubectlState, commandId: string): void {
  const cmd = state.commands[commandId]
  if (!cmd) return
  if (cmd.streamRequestId !== undefined) {
    const cancel: HttpCancel = { type: 'http-cancel', requestId: cmd.streamRequestId }
    ctx.send(state.client.server, cancel, { label: 'cancel log stream (^C)' })
  }
  cmd.exitCode = 130
  finish(ctx, state, cmd)
}
