import { chunkSizeOf, type ListProgress } from './get-pages'
import { clientFor } from './state'
import type { Table } from '../printers/table'
import { noResourcesMessage, renderTable } from '../printers/render-table'
import { findResourceByAlias, restPath, type ResourceInfo } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { formatApiError, formatErrors, resourceName, toJson, toYaml } from './output'
import { sortTableRows } from './sort-by'
import type { KubectlCommand, KubectlState } from './state'
import { runPipelineStage } from './kubectl'

// What kubectl sends to get server-side printed Tables (get.go, v1.32).
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

export function print(cmd: KubectlCommand, text: string): void {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text
  cmd.output.push(line)
  ;(cmd.stdout ??= []).push(line)
}

export function fail(cmd: KubectlCommand, text: string): void {
  cmd.output.push(text)
  cmd.stderr.push(text)
  cmd.exitCode = 1
}

/** Whether the request succeeded (200); if not, kubectl prints the API error and the command fails. */
export function succeeded(cmd: KubectlCommand, code: number, body: unknown): boolean {
  if (code === 200) return true
  fail(cmd, formatApiError(body))
  return false
}

export function finish(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): void {
  if (cmd.errors.length > 0) {
    cmd.output.push(...formatErrors(cmd.errors))
    cmd.exitCode = 1
  }
  cmd.exitCode ??= 0
  if (cmd.then !== undefined && cmd.exitCode === 0) {
    // A pipe: the next command reads this one's stdout; what this one wrote to stderr stays on screen.
    delete state.commands[cmd.id]
    return runPipelineStage(ctx, state, cmd.id, cmd.then, (cmd.stdout ?? []).join('\n'), cmd.stderr)
  }
  ctx.emit({
    type: 'KubectlFinished',
    commandId: cmd.id,
    exitCode: cmd.exitCode,
    output: cmd.output.join('\n'),
  })
  delete state.commands[cmd.id]
}

/** Resolves "pods", "po", "pod/web", "rs web" into a resource and optional name. */
export function resolveTarget(cmd: KubectlCommand): { info: ResourceInfo; name?: string } | string {
  const [first, second] = cmd.positional
  if (first === undefined)
    return 'error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.'
  const [type = '', slashName] = first.split('/', 2)
  const info = findResourceByAlias(type)
  if (!info) return `error: the server doesn't have a resource type "${type}"`
  const name = slashName ?? second
  return name !== undefined ? { info, name } : { info }
}

export function startGet(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const target = resolveTarget(cmd)
  if (typeof target === 'string') {
    fail(cmd, target)
    return false
  }
  const allNamespaces = cmd.flags['all-namespaces'] === 'true'
  const output = cmd.flags['output']
  const table = output === undefined || output === 'wide'
  const namespace = target.info.namespaced && !allNamespaces ? cmd.namespace : undefined
  const chunkSize = chunkSizeOf(cmd)
  if (typeof chunkSize === 'string') {
    fail(cmd, chunkSize)
    return false
  }
  const path = restPath(target.info, namespace, target.name)
  const query = {
    ...(target.name === undefined && chunkSize > 0 ? { limit: String(chunkSize) } : {}),
    ...(cmd.flags['selector'] ? { labelSelector: cmd.flags['selector'] } : {}),
    ...(table && cmd.flags['sort-by'] ? { includeObject: 'Object' } : {}),
  }
  if (target.name === undefined)
    cmd.flow = {
      path,
      query,
      ...(table ? { accept: TABLE_ACCEPT } : {}),
      pages: 0,
      bytes: 0,
      startedMs: ctx.nowMs,
      rows: [],
      items: [],
    } satisfies ListProgress
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'GET',
      path,
      ...(table ? { accept: TABLE_ACCEPT } : {}),
      query,
      step: 1,
    },
    {
      purpose: 'get',
      data: {
        cmd: cmd.id,
        resource: target.info.resource,
        group: target.info.group,
        named: target.name !== undefined,
        ...(target.name !== undefined ? { name: target.name } : {}),
      },
    },
  )
  return true
}

export function onGetResponse(
  cmd: KubectlCommand,
  info: ResourceInfo,
  named: boolean,
  code: number,
  body: unknown,
  name?: string,
): void {
  if (code !== 200)
    return fail(
      cmd,
      formatApiError(body, '', { verb: 'get', ...info, name: named ? name : undefined }),
    )
  const output = cmd.flags['output']
  const allNamespaces = cmd.flags['all-namespaces'] === 'true'
  if (output === undefined || output === 'wide') {
    const sortBy = cmd.flags['sort-by']
    const table = sortBy ? sortTableRows(body as Table, sortBy) : (body as Table)
    const text = renderTable(table, {
      wide: output === 'wide',
      withNamespace: allNamespaces && info.namespaced,
      showLabels: cmd.flags['show-labels'] === 'true',
      noHeaders: cmd.flags['no-headers'] === 'true',
    })
    if (text === '' && table.rows.length === 0) {
      cmd.output.push(
        noResourcesMessage(
          info.resource,
          info.namespaced && !allNamespaces ? cmd.namespace : undefined,
        ),
      )
      return
    }
    return print(cmd, text)
  }
  // kubectl get hides managedFields unless --show-managed-fields (get.go, printers' managed-fields
  // stripping in v1.32).
  const showManaged = cmd.flags['show-managed-fields'] === 'true'
  const shown = (o: KubeObject): KubeObject => (showManaged ? o : withoutManagedFields(o))
  const items = (
    named ? [body as KubeObject] : ((body as { items?: KubeObject[] }).items ?? [])
  ).map(shown)
  if (output === 'name')
    return print(cmd, items.map((o) => resourceName(info, o.metadata?.name ?? '')).join('\n'))
  const value = named
    ? items[0]
    : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }
  if (output === 'yaml') return print(cmd, toYaml(value))
  if (output === 'json') return print(cmd, toJson(value))
  fail(
    cmd,
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  )
}

export function startDeleteByName(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const target = resolveTarget(cmd)
  if (typeof target === 'string' || target.name === undefined) {
    fail(
      cmd,
      typeof target === 'string'
        ? target
        : 'error: resource(s) were provided, but no name was specified',
    )
    return false
  }
  const grace = cmd.flags['now'] === 'true' ? '1' : cmd.flags['grace-period']
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'DELETE',
      path: restPath(target.info, target.info.namespaced ? cmd.namespace : undefined, target.name),
      ...(grace !== undefined ? { query: { gracePeriodSeconds: grace } } : {}),
      step: 1,
    },
    {
      purpose: 'delete',
      data: {
        cmd: cmd.id,
        resource: target.info.resource,
        group: target.info.group,
        name: target.name,
      },
    },
  )
  return true
}

/** `pod "web" deleted`; kubectl then waits for the object to go (NB: the sim returns at once). */
export function onDeleteResponse(
  cmd: KubectlCommand,
  info: ResourceInfo,
  name: string,
  code: number,
  body: unknown,
): void {
  if (code !== 200) return fail(cmd, formatApiError(body, '', { verb: 'delete', ...info, name }))
  print(
    cmd,
    `${info.group === '' ? info.singular : `${info.singular}.${info.group}`} "${name}" deleted`,
  )
}

export function startScale(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const target = resolveTarget(cmd)
  const replicas = Number(cmd.flags['replicas'])
  if (typeof target === 'string' || target.name === undefined || !Number.isInteger(replicas)) {
    fail(cmd, typeof target === 'string' ? target : 'error: required flag(s) "replicas" not set')
    return false
  }
  // NB: real kubectl patches the /scale subresource; the sim patches spec.replicas directly.
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'PATCH',
      path: restPath(target.info, cmd.namespace, target.name),
      body: { spec: { replicas } },
      contentType: 'application/merge-patch+json',
      step: 1,
    },
    {
      purpose: 'scale',
      data: {
        cmd: cmd.id,
        resource: target.info.resource,
        group: target.info.group,
        name: target.name,
      },
    },
  )
  return true
}

function withoutManagedFields(object: KubeObject): KubeObject {
  if (object.metadata?.managedFields === undefined) return object
  const metadata = { ...object.metadata }
  delete metadata.managedFields
  return { ...object, metadata }
}
