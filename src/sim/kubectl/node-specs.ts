/**
 * The argument grammars of `kubectl taint` and `kubectl label`, and the edits they make, with
 * kubectl's own error texts. Pure.
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go (parseTaints, reorganizeTaints,
 * checkIfTaintsAlreadyExists), staging/src/k8s.io/kubectl/pkg/cmd/label/label.go (parseLabels,
 * validateNoOverwrites), apimachinery/pkg/util/validation/validation.go (IsQualifiedName,
 * IsValidLabelValue). Checked against the real kubectl v1.32.
 */
import type { Taint } from 'kubernetes-types/core/v1'
import { labelValueErrors, qualifiedNameErrors } from '../model/label-validation'

const EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** Taint.ToString (core/v1/taint.go): key=value:effect, key:effect, key=value: or key. */
export function taintToString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`
}

const effectError = (effect: string) => `invalid taint effect: ${effect}, unsupported taint effect`

function parseTaint(spec: string): Taint | string {
  const parts = spec.split(':')
  let key: string
  let value: string | undefined
  let effect: string | undefined
  if (parts.length === 1) {
    key = spec
  } else if (parts.length === 2) {
    effect = parts[1] ?? ''
    if (!EFFECTS.includes(effect)) return effectError(effect)
    const kv = (parts[0] ?? '').split('=')
    if (kv.length > 2) return `invalid taint spec: ${spec}`
    key = kv[0] ?? ''
    if (kv.length === 2) {
      value = kv[1] ?? ''
      const errors = labelValueErrors(value)
      if (errors.length > 0) return `invalid taint spec: ${spec}, ${errors.join('; ')}`
    }
  } else {
    return `invalid taint spec: ${spec}`
  }
  const errors = qualifiedNameErrors(key)
  if (errors.length > 0) return `invalid taint spec: ${spec}, ${errors.join('; ')}`
  return {
    key,
    ...(value ? { value } : {}),
    ...(effect ? { effect } : {}),
  } as Taint
}

export interface TaintSpecs {
  add: Taint[]
  remove: Taint[]
}

/** parseTaints: `key[=value]:Effect` adds, `key[:Effect]-` removes. Errors are kubectl's texts. */
export function parseTaintSpecs(specs: readonly string[]): TaintSpecs | string {
  const add: Taint[] = []
  const remove: Taint[] = []
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const [key = '', effect] = spec.slice(0, -1).split(':')
      if (effect !== undefined && effect !== '' && !EFFECTS.includes(effect))
        return effectError(effect)
      remove.push((effect ? { key, effect } : { key }) as Taint)
      continue
    }
    const taint = parseTaint(spec)
    if (typeof taint === 'string') return taint
    if (!taint.effect) return `unknown taint spec: ${spec}`
    if (add.some((t) => t.key === taint.key && t.effect === taint.effect))
      return `duplicated taints with the same key and effect: {${taint.key} ${taint.value ?? ''} ${taint.effect} <nil>}`
    add.push(taint)
  }
  return { add, remove }
}

export type TaintOperation = 'tainted' | 'untainted' | 'modified'

/**
 * The node's new taint list: the added ones first, then the old ones they do not replace (same
 * key and effect), minus the removed ones; as reorganizeTaints. Errors for absent removals.
 */
export function reorganizeTaints(
  oldTaints: readonly Taint[],
  specs: TaintSpecs,
  overwrite: boolean,
): { operation: TaintOperation; taints: Taint[] } | string {
  let taints = [...specs.add]
  for (const old of oldTaints)
    if (!taints.some((t) => t.key === old.key && t.effect === old.effect)) taints.push(old)
  const added = oldTaints.length !== taints.length
  const errors: string[] = []
  let deleted = false
  for (const r of specs.remove) {
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)))
    deleted = kept.length !== taints.length
    if (!deleted) errors.push(`taint "${taintToString(r)}" not found`)
    taints = kept
  }
  if (errors.length > 0) return errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted'
  return { operation, taints }
}

/** checkIfTaintsAlreadyExists: keys of added taints whose key and effect are on the node. */
export function existingTaintKeys(oldTaints: readonly Taint[], add: readonly Taint[]): string {
  return add
    .flatMap((t) => oldTaints.filter((o) => o.key === t.key && o.effect === t.effect))
    .map((t) => t.key)
    .join(',')
}

export interface LabelSpecs {
  set: Record<string, string>
  remove: string[]
}

/** Splits `kubectl label` arguments into names and label specs (parseLabels). */
export function splitLabelArgs(args: readonly string[]): { names: string[]; specs: string[] } {
  const names: string[] = []
  const specs: string[] = []
  for (const arg of args) (arg.includes('=') || arg.endsWith('-') ? specs : names).push(arg)
  return { names, specs }
}

/** parseLabels: `key=value` sets, `key-` removes. Errors are kubectl's texts. */
export function parseLabelSpecs(specs: readonly string[]): LabelSpecs | string {
  const set: Record<string, string> = {}
  const remove: string[] = []
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=')
      if (parts.length !== 2) return `invalid label spec: ${spec}`
      const [key = '', value = ''] = parts
      const errors = labelValueErrors(value)
      if (errors.length > 0) return `invalid label value: "${spec}": ${errors.join(', ')}`
      set[key] = value
    } else {
      remove.push(spec.slice(0, -1))
    }
  }
  if (Object.keys(set).length === 0 && remove.length === 0)
    return 'at least one label update is required'
  if (remove.some((key) => key in set))
    return 'can not both modify and remove a label in the same command'
  return { set, remove }
}

/** validateNoOverwrites: a label that would change value needs --overwrite. */
export function labelOverwriteError(
  current: Readonly<Record<string, string>>,
  set: Readonly<Record<string, string>>,
): string | undefined {
  const errors = Object.entries(set)
    .filter(([key, value]) => key in current && current[key] !== value)
    .map(
      ([key]) => `'${key}' already has a value (${current[key] ?? ''}), and --overwrite is false`,
    )
  if (errors.length === 0) return undefined
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`
}
