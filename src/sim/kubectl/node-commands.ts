/**
 * `kubectl cordon | uncordon | taint | label`: read the object, work out the change on the client
 * as kubectl does, then PATCH it through the API server, one object after another.
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/cmd/drain/cordon.go + pkg/drain/cordon.go
 * (strategic patch of spec.unschedulable), cmd/taint/taint.go, cmd/label/label.go (merge patch
 * of metadata.labels). Output texts checked against the real kubectl v1.32.
 */
import { clientFor } from './state'
import type { Node, Taint } from 'kubernetes-types/core/v1'
import { findResourceByAlias, restPath, type ResourceInfo } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { fail, print } from './commands'
import {
  existingTaintKeys,
  labelOverwriteError,
  parseLabelSpecs,
  parseTaintSpecs,
  reorganizeTaints,
  splitLabelArgs,
  type LabelSpecs,
  type TaintSpecs,
} from './node-specs'
import { formatApiError, resourceName } from './output'
import type { KubectlCommand, KubectlState } from './state'

/** What a cordon/uncordon/taint/label invocation will do to each named object. */
export interface ObjectEdit {
  verb: 'cordon' | 'uncordon' | 'taint' | 'label'
  resource: string
  group: string
  /** Objects still to edit, in order. */
  names: string[]
  taints?: TaintSpecs
  labels?: LabelSpecs
  overwrite: boolean
}

export const EDIT_VERBS = ['cordon', 'uncordon', 'taint', 'label']

const usage = (verb: string, text: string) =>
  `error: ${text}\nSee 'kubectl ${verb} -h' for help and examples`

/** Splits `taint` arguments: resources first, then specs (taint.go Complete). */
function splitTaintArgs(args: readonly string[]): { names: string[]; specs: string[] } | string {
  const names: string[] = []
  const specs: string[] = []
  for (const arg of args) {
    const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-')
    if (isTaint) specs.push(arg)
    else if (specs.length > 0) return `all resources must be specified before taint changes: ${arg}`
    else names.push(arg)
  }
  return { names, specs }
}

/** Resolves `nodes node-2` / `node/node-2` into the resource and the names. */
function resolveNames(
  type: string,
  rest: string[],
): { info: ResourceInfo; names: string[] } | string {
  const [alias = '', slashName] = type.split('/', 2)
  const info = findResourceByAlias(alias)
  if (!info) return `error: the server doesn't have a resource type "${alias}"`
  return { info, names: slashName !== undefined ? [slashName, ...rest] : rest }
}

/** Parses the command line into an ObjectEdit, or kubectl's error text. */
function parseEdit(cmd: KubectlCommand): ObjectEdit | string {
  const verb = cmd.verb as ObjectEdit['verb']
  const overwrite = cmd.flags['overwrite'] === 'true'
  if (verb === 'cordon' || verb === 'uncordon') {
    if (cmd.positional.length === 0) return usage(verb, `USAGE: ${verb} NODE [flags]`)
    return { verb, resource: 'nodes', group: '', names: [...cmd.positional], overwrite }
  }
  const [type, ...args] = cmd.positional
  if (verb === 'taint') {
    const split = splitTaintArgs(args)
    if (typeof split === 'string') return `error: ${split}`
    const taints = parseTaintSpecs(split.specs)
    if (typeof taints === 'string') return usage(verb, taints)
    if (taints.add.length === 0 && taints.remove.length === 0)
      return 'error: at least one taint update is required'
    if (type === undefined)
      return 'error: one or more resources must be specified as <resource> <name>'
    const target = resolveNames(type, split.names)
    if (typeof target === 'string') return target
    if (target.info.kind !== 'Node')
      return `error: invalid resource type ${type}, only node types are supported`
    if (target.names.length === 0)
      return 'error: one or more resources must be specified as <resource> <name>'
    return { verb, resource: 'nodes', group: '', names: target.names, taints, overwrite }
  }
  const split = splitLabelArgs(args)
  const labels = parseLabelSpecs(split.specs)
  if (typeof labels === 'string') return `error: ${labels}`
  if (type === undefined) return 'error: resource(s) were provided, but no name was specified'
  const target = resolveNames(type, split.names)
  if (typeof target === 'string') return target
  if (target.names.length === 0)
    return 'error: resource(s) were provided, but no name was specified'
  const { resource, group } = target.info
  return { verb: 'label', resource, group, names: target.names, labels, overwrite }
}

function infoOf(edit: ObjectEdit): ResourceInfo {
  const alias = edit.group === '' ? edit.resource : `${edit.resource}.${edit.group}`
  const info = findResourceByAlias(alias)
  if (!info) throw new Error(`kubectl: resource ${alias} vanished`)
  return info
}

function objectPath(cmd: KubectlCommand, edit: ObjectEdit, name: string): string {
  const info = infoOf(edit)
  return restPath(info, info.namespaced ? cmd.namespace : undefined, name)
}

/** Reads the next object to edit. False when there is nothing left to do. */
function getNext(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const name = cmd.edit?.names[0]
  if (!cmd.edit || name === undefined) return false
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'GET', path: objectPath(cmd, cmd.edit, name), step: 1 },
    { purpose: 'edit-get', data: { cmd: cmd.id } },
  )
  return true
}

/** Starts a cordon/uncordon/taint/label command; false when it has already finished. */
export function startEdit(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const edit = parseEdit(cmd)
  if (typeof edit === 'string') {
    fail(cmd, edit)
    return false
  }
  cmd.edit = edit
  return getNext(ctx, state, cmd)
}

interface PlannedPatch {
  body: unknown
  contentType: string
  /** What kubectl prints once the patch succeeds: "cordoned", "tainted", "labeled" ... */
  done: string
  query?: Record<string, string>
}

const STRATEGIC = 'application/strategic-merge-patch+json'

function planTaint(node: Node, edit: ObjectEdit): PlannedPatch | string {
  const specs = edit.taints ?? { add: [], remove: [] }
  const old: Taint[] = node.spec?.taints ?? []
  const existing = edit.overwrite ? '' : existingTaintKeys(old, specs.add)
  if (existing !== '')
    return `error: node ${node.metadata?.name ?? ''} already has ${existing} taint(s) with same effect(s) and --overwrite is false`
  const result = reorganizeTaints(old, specs, edit.overwrite)
  if (typeof result === 'string') return `error: ${result}`
  return {
    body: { spec: { taints: result.taints.length > 0 ? result.taints : null } },
    contentType: STRATEGIC,
    done: result.operation,
    query: { fieldManager: 'kubectl-taint' },
  }
}

function planLabel(
  cmd: KubectlCommand,
  object: KubeObject,
  edit: ObjectEdit,
): PlannedPatch | string {
  const specs = edit.labels ?? { set: {}, remove: [] }
  const current = object.metadata?.labels ?? {}
  const overwriteError = edit.overwrite ? undefined : labelOverwriteError(current, specs.set)
  if (overwriteError) return `error: ${overwriteError}`
  const labels: Record<string, string | null> = {}
  for (const [key, value] of Object.entries(specs.set))
    if (current[key] !== value) labels[key] = value
  for (const key of specs.remove) {
    if (key in current) labels[key] = null
    else cmd.output.push(`label "${key}" not found.`)
  }
  const changed = Object.keys(labels).length > 0
  const onlyRemoved = changed && Object.values(labels).every((v) => v === null)
  return {
    body: changed ? { metadata: { labels } } : {},
    contentType: 'application/merge-patch+json',
    done: !changed ? 'not labeled' : onlyRemoved && !edit.overwrite ? 'unlabeled' : 'labeled',
    query: { fieldManager: 'kubectl-label' },
  }
}

/** The change for one object, or a message when there is nothing to send. */
function plan(
  cmd: KubectlCommand,
  edit: ObjectEdit,
  object: KubeObject,
): PlannedPatch | { message: string } | string {
  const name = resourceName(infoOf(edit), object.metadata?.name ?? '')
  if (edit.verb === 'cordon' || edit.verb === 'uncordon') {
    const desired = edit.verb === 'cordon'
    if (((object as Node).spec?.unschedulable ?? false) === desired)
      return { message: `${name} already ${edit.verb}ed` }
    return {
      body: { spec: { unschedulable: desired ? true : null } },
      contentType: STRATEGIC,
      done: `${edit.verb}ed`,
    }
  }
  return edit.verb === 'taint' ? planTaint(object as Node, edit) : planLabel(cmd, object, edit)
}

/** Moves on to the next name; false when the command is done. */
function next(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  cmd.edit?.names.shift()
  return getNext(ctx, state, cmd)
}

/** The GET came back: plan the change and PATCH it. False when the command is done. */
export function onEditGet(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const edit = cmd.edit
  if (!edit) return false
  if (code !== 200) {
    fail(cmd, formatApiError(body))
    return next(ctx, state, cmd)
  }
  const object = body as KubeObject
  const planned = plan(cmd, edit, object)
  if (typeof planned === 'string') {
    fail(cmd, planned)
    return false
  }
  if ('message' in planned) {
    print(cmd, planned.message)
    return next(ctx, state, cmd)
  }
  const name = object.metadata?.name ?? ''
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'PATCH',
      path: objectPath(cmd, edit, name),
      body: planned.body,
      contentType: planned.contentType,
      ...(planned.query ? { query: planned.query } : {}),
      label: `PATCH ${edit.resource}/${name} (${edit.verb})`,
      step: 1,
    },
    {
      purpose: 'edit-patch',
      data: { cmd: cmd.id, message: `${resourceName(infoOf(edit), name)} ${planned.done}` },
    },
  )
  return true
}

/** The PATCH came back: print kubectl's line, then edit the next object. */
export function onEditPatch(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
  message: string,
): boolean {
  if (code === 200) print(cmd, message)
  else fail(cmd, formatApiError(body))
  return next(ctx, state, cmd)
}
