import { z } from 'zod'
import type { Facts, StepBaseline } from '../facts'
import type { AnyConditionKind, Check, NameReference, Verdict } from './kind'
import { component } from './component'
import { containers } from './containers'
import { elapsed } from './elapsed'
import { etcd } from './etcd'
import { event } from './event'
import { kubectl } from './kubectl'
import { link } from './link'
import { log } from './log'
import { message } from './message'
import { node } from './node'
import { object } from './object'
import { pods } from './pods'
import { scheduling } from './scheduling'
import { stored } from './stored'
import { traffic } from './traffic'
import { atRest } from './at-rest'
import { authorized } from './authorized'
import { listServed } from './list-served'
import { throttled } from './throttled'

/**
 * The goal vocabulary, in the order the docs list it. To add a word: write `<word>.ts` beside
 * this file (a ConditionKind: parameters schema, default text, compiled check), add it here,
 * and document it in lessons/README.md under "### `<word>`".
 */
export const CONDITION_KINDS: readonly AnyConditionKind[] = [
  pods,
  object,
  stored,
  atRest,
  node,
  component,
  containers,
  etcd,
  kubectl,
  message,
  event,
  log,
  scheduling,
  traffic,
  authorized,
  listServed,
  throttled,
  link,
  elapsed,
]

/** Words that combine other conditions. */
export const COMBINATORS = ['all', 'any', 'not'] as const

const byKey = new Map(CONDITION_KINDS.map((k) => [k.key, k]))

/** A validated condition: exactly one vocabulary key (or all / any / not) with its parameters. */
export type Condition = Readonly<Record<string, unknown>>

export const CONDITION_KEYS: readonly string[] = [...byKey.keys(), ...COMBINATORS]

/** The condition keys present on an object (a goal has `id`/`text` besides). */
export function conditionKeys(value: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(value).filter((k) => CONDITION_KEYS.includes(k) && value[k] !== undefined)
}

/** The zod shape of a condition's keys; `self` is the recursive condition schema for all/any/not. */
export function conditionShape(self: () => z.ZodType<Condition>) {
  const shape: Record<string, z.ZodType> = {}
  for (const kind of CONDITION_KINDS) shape[kind.key] = (kind.params as z.ZodType).optional()
  shape['all'] = z.array(z.lazy(self)).min(1).optional()
  shape['any'] = z.array(z.lazy(self)).min(1).optional()
  shape['not'] = z.lazy(self).optional()
  return shape
}

/** Exactly one condition key: the refinement every condition-bearing object applies. */
export function oneConditionIssue(value: Readonly<Record<string, unknown>>): string | undefined {
  const keys = conditionKeys(value)
  if (keys.length === 1) return undefined
  if (keys.length === 0) return `say what to check with one of: ${CONDITION_KEYS.join(', ')}`
  return `one check at a time: found ${keys.join(' and ')} (use all: [...] to combine them)`
}

function single(condition: Condition): [string, unknown] {
  const [key] = conditionKeys(condition)
  return [key ?? '', key === undefined ? undefined : condition[key]]
}

/** Compiles a validated condition into a check bound to a step's window. */
export function compileCondition(condition: Condition, base: StepBaseline): Check {
  const [key, params] = single(condition)
  if (key === 'all' || key === 'any') {
    const checks = (params as Condition[]).map((c) => compileCondition(c, base))
    return (facts: Facts): Verdict => {
      const verdicts = checks.map((check) => check(facts))
      const met = key === 'all' ? verdicts.every((v) => v.met) : verdicts.some((v) => v.met)
      const telling = verdicts.find((v) => v.met !== (key === 'all')) ?? verdicts[0]
      return { met, why: telling?.why ?? '' }
    }
  }
  if (key === 'not') {
    const check = compileCondition(params as Condition, base)
    return (facts) => {
      const v = check(facts)
      return { met: !v.met, why: v.why }
    }
  }
  const kind = byKey.get(key)
  if (!kind) throw new Error(`unknown condition "${key}"`)
  return kind.compile(params as never, base)
}

/** The default sentence for a condition (a goal without `text`). */
export function describeCondition(condition: Condition): string {
  const [key, params] = single(condition)
  if (key === 'all') return (params as Condition[]).map(describeCondition).join(', and ')
  if (key === 'any') return (params as Condition[]).map(describeCondition).join(', or ')
  if (key === 'not') return `not: ${describeCondition(params as Condition)}`
  return byKey.get(key)?.describe(params as never) ?? key
}

/** Names the condition refers to, with their paths, for the cluster check. */
export function conditionReferences(condition: Condition): NameReference[] {
  const [key, params] = single(condition)
  if (key === 'all' || key === 'any')
    return (params as Condition[]).flatMap((c, i) =>
      conditionReferences(c).map((r) => ({ ...r, path: [key, i, ...r.path] })),
    )
  if (key === 'not')
    return conditionReferences(params as Condition).map((r) => ({ ...r, path: ['not', ...r.path] }))
  const kind = byKey.get(key)
  return (kind?.references?.(params as never) ?? []).map((r) => ({ ...r, path: [key, ...r.path] }))
}
