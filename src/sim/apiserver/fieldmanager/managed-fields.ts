import { simTimeToRfc3339 } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import { failure, type ApiError } from '../status'
import {
  appliedSet,
  canonicalJson,
  compare,
  comparePaths,
  difference,
  fromFieldsV1,
  intersection,
  objectPaths,
  pathKey,
  pathText,
  toFieldsV1,
  union,
  type FieldSet,
  type FieldsV1,
  type ObjectPaths,
  type Scope,
} from './field-set'
import { mergeApplied, removePaths } from './merge'

/**
 * kube-apiserver's field manager: every write from a client records who owns which fields in
 * metadata.managedFields (operation Update), and server-side apply merges an applied
 * configuration, refusing to change fields another manager owns unless forced (operation Apply).
 * Sources: k8s.io/apimachinery v0.32 pkg/util/managedfields/internal/{structuredmerge,
 * managedfieldsupdater,managedfields,conflict,stripmeta}.go; sigs.k8s.io/structured-merge-diff/v4
 * merge/update.go (Updater.Update, Updater.Apply, prune).
 *
 * NB: to keep 150,000 Pods cheap, a write records managers only when the writer names itself
 * (a fieldManager query or a User-Agent, as every real client and the simulated kubectl do) or
 * the object already has managedFields; the simulated controllers and kubelets writing objects
 * they created themselves record nothing.
 */
export interface ManagedFieldsEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time: string
  fieldsType: 'FieldsV1'
  fieldsV1: FieldsV1
  subresource?: string
}

/** Who writes, and through which version and subresource. */
export interface Writer {
  manager: string
  apiVersion: string
  subresource?: string | undefined
  nowMs: number
}

interface Managed {
  entry: ManagedFieldsEntry
  set: FieldSet
}

/**
 * BuildManagerIdentifier (managedfields.go): the entry without time and fields, and without the
 * apiVersion for appliers, as Go's json.Marshal writes ManagedFieldsEntry (omitempty fields).
 */
function managerId(
  entry: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  return JSON.stringify({
    manager: entry.manager,
    operation: entry.operation,
    ...(entry.operation === 'Update' && entry.apiVersion !== ''
      ? { apiVersion: entry.apiVersion }
      : {}),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  })
}

function decodeManaged(object: KubeObject | undefined): Map<string, Managed> {
  const managed = new Map<string, Managed>()
  const entries = (object?.metadata?.managedFields ?? []) as unknown as ManagedFieldsEntry[]
  for (const entry of entries)
    managed.set(managerId(entry), { entry, set: fromFieldsV1(entry.fieldsV1) })
  return managed
}

/** sortEncodedManagedFields: by operation (Apply first), time, manager, apiVersion, subresource. */
function encodeManaged(managed: Map<string, Managed>): ManagedFieldsEntry[] {
  const entries = [...managed.values()]
    .filter((m) => m.set.size > 0)
    .map((m) => ({ ...m.entry, fieldsV1: toFieldsV1(m.set) }))
  // RFC 3339 times in UTC compare as text; the first 19 characters are the whole seconds.
  const seconds = (e: ManagedFieldsEntry) => e.time.slice(0, 19)
  const by = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return entries.sort(
    (p, q) =>
      by(p.operation, q.operation) ||
      by(seconds(p), seconds(q)) ||
      by(p.manager, q.manager) ||
      by(p.apiVersion, q.apiVersion) ||
      by(p.subresource ?? '', q.subresource ?? ''),
  )
}

function withManaged(object: KubeObject, managed: Map<string, Managed>): KubeObject {
  const entries = encodeManaged(managed)
  const metadata = { ...object.metadata }
  if (entries.length > 0) metadata.managedFields = entries
  else delete metadata.managedFields
  return { ...object, metadata }
}

// A new object is compared with an empty one of its kind, in which Go's non-pointer structs are
// already there (so `f:spec` never becomes a member of a creator's set, but `f:labels` does).
const EMPTY_STRUCTS = [
  ['f:metadata'],
  ['f:spec'],
  ['f:status'],
  ['f:spec', 'f:template'],
  ['f:spec', 'f:template', 'f:metadata'],
  ['f:spec', 'f:template', 'f:spec'],
  ['f:spec', 'f:strategy'],
  ['f:spec', 'f:updateStrategy'],
]
const EMPTY_OBJECT: ObjectPaths = new Map(
  EMPTY_STRUCTS.map((path) => [pathKey(path), { value: '', kind: 'node' as const }]),
)

const scopeOf = (writer: Writer): Scope => (writer.subresource === 'status' ? 'status' : 'main')

/**
 * Records an Update by `writer` (Updater.Update with managedFieldsUpdater): every other manager
 * loses the fields this write changed or removed; the writer gains what it added or changed.
 * `current` is undefined for a create. Returns `next` with its managedFields.
 */
export function recordUpdate(
  current: KubeObject | undefined,
  next: KubeObject,
  writer: Writer,
): KubeObject {
  const requested = next.metadata?.managedFields
  // An update that sets managedFields to [] clears them (managedfields.go: "reset").
  if (Array.isArray(requested) && requested.length === 0 && current)
    return withManaged(next, new Map())
  const managed = decodeManaged(current)
  const scope = scopeOf(writer)
  const before = current ? objectPaths(current, scope) : EMPTY_OBJECT
  const { added, modified, removed } = compare(before, objectPaths(next, scope))
  const taken = union(added, modified)
  for (const other of managed.values())
    other.set = difference(difference(other.set, taken), removed)
  if (taken.size > 0) {
    const entry: ManagedFieldsEntry = {
      manager: writer.manager,
      operation: 'Update',
      apiVersion: writer.apiVersion,
      time: simTimeToRfc3339(writer.nowMs),
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(writer.subresource ? { subresource: writer.subresource } : {}),
    }
    const id = managerId(entry)
    managed.set(id, { entry, set: union(taken, managed.get(id)?.set ?? new Set()) })
  }
  return withManaged(next, managed)
}

export type ApplyResult = { ok: true; object: KubeObject } | { ok: false; error: ApiError }

/**
 * Server-side apply (Updater.Apply): merges `config` into `current` (undefined: the object does
 * not exist yet), refuses with a 409 when it changes fields other managers own unless `force`
 * (then takes them), removes what this applier stopped applying and nobody else owns, and
 * records the applier's set: exactly the fields of its configuration.
 */
export function applyConfiguration(
  current: KubeObject | undefined,
  config: KubeObject,
  writer: Writer,
  force: boolean,
): ApplyResult {
  const live = current ?? {}
  const applied = { ...config, metadata: { ...config.metadata } }
  delete applied.metadata.managedFields
  const managed = decodeManaged(current)
  const id = managerId({ manager: writer.manager, operation: 'Apply', apiVersion: '' })
  const configSet = appliedSet(objectPaths(applied, 'main'))
  let merged = mergeApplied(live, applied) as KubeObject
  const { added, modified, removed } = compare(
    objectPaths(live, 'main'),
    objectPaths(merged, 'main'),
  )
  const changed = union(added, modified)
  const conflicts: { manager: Managed; paths: string[] }[] = []
  for (const [otherId, other] of managed) {
    if (otherId === id) continue
    const clash = intersection(other.set, changed)
    if (clash.size > 0) conflicts.push({ manager: other, paths: [...clash].sort(comparePaths) })
  }
  if (conflicts.length > 0 && !force) return { ok: false, error: conflictError(conflicts) }
  for (const [otherId, other] of managed) {
    if (otherId !== id) other.set = difference(difference(other.set, changed), removed)
  }
  const last = managed.get(id)?.set
  if (last) {
    const ownedByOthers = [...managed]
      .filter(([otherId]) => otherId !== id)
      .reduce<FieldSet>((all, [, other]) => union(all, other.set), new Set())
    merged = removePaths(merged, difference(difference(last, configSet), ownedByOthers))
  }
  const unchanged =
    current !== undefined &&
    canonicalJson(merged) === canonicalJson(current) &&
    last !== undefined &&
    canonicalJson([...last].sort()) === canonicalJson([...configSet].sort())
  const previous = managed.get(id)?.entry
  managed.set(id, {
    entry: {
      manager: writer.manager,
      operation: 'Apply',
      apiVersion: writer.apiVersion,
      time: unchanged && previous ? previous.time : simTimeToRfc3339(writer.nowMs),
      fieldsType: 'FieldsV1',
      fieldsV1: {},
    },
    set: configSet,
  })
  return { ok: true, object: withManaged(merged, managed) }
}

/** printManager (conflict.go): "kubectl-client-side-apply" using apps/v1, or an applier's name. */
function printManager(entry: ManagedFieldsEntry): string {
  let text = JSON.stringify(entry.manager)
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`
  return text
}

/** NewConflictError (conflict.go): a 409 Conflict whose causes are FieldManagerConflict. */
function conflictError(conflicts: { manager: Managed; paths: string[] }[]): ApiError {
  const flat = conflicts.flatMap(({ manager, paths }) =>
    paths.map((path) => ({ manager: manager.entry, path })),
  )
  const causes = flat.map(({ manager, path }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(manager)}`,
    field: pathText(path),
  }))
  let message: string
  if (flat.length === 1) {
    const only = flat[0] as (typeof flat)[number]
    message = `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathText(only.path)}`
  } else {
    // Grouped by manager, managers sorted by their identifier (uniqueManagers, sort.Strings).
    const groups = [...conflicts].sort((a, b) =>
      managerId(a.manager.entry) < managerId(b.manager.entry) ? -1 : 1,
    )
    const lines = groups.flatMap(({ manager, paths }) => [
      `conflicts with ${printManager(manager.entry)}:`,
      ...paths.map((path) => `- ${pathText(path)}`),
    ])
    message = `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`
  }
  return failure(409, 'Conflict', message, { causes })
}
