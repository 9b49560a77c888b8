import type { z } from 'zod'
import type { SimEvent } from '../../../sim/index'
import type { Facts, StepBaseline } from '../facts'

/** A check's answer: met or not, and a sentence a student can read either way. */
export interface Verdict {
  met: boolean
  why: string
}

/** A compiled check: call it at each instant; it keeps its own place in the trace. */
export type Check = (facts: Facts) => Verdict

/** A name in a check that must exist in the lesson's cluster (for validation). */
export interface NameReference {
  /** Path inside the condition's parameters, for the error message. */
  path: (string | number)[]
  name: string
  /** What it names: an etcd member, or any component or machine. */
  of: 'member' | 'component' | 'node'
}

/**
 * One word of the goal vocabulary: `pods`, `etcd`, `kubectl` … A lesson writes it as a key with
 * parameters (`pods: { labels: app=web, status: Running, count: 3 }`); goals, prediction
 * choices and `waitFor` all use the same words. Adding a word is one file plus one line in
 * registry.ts, and a section in lessons/README.md (a test checks the README has it).
 */
export interface ConditionKind<P> {
  key: string
  /** One line for the docs' index and for error messages. */
  help: string
  params: z.ZodType<P>
  /** The goal's text when the author did not write one. Markdown inline. */
  describe(params: P): string
  compile(params: P, base: StepBaseline): Check
  references?(params: P): NameReference[]
}

/** Erases a kind's parameter type for the registry (each kind checks its own). */
export type AnyConditionKind = ConditionKind<never>

export function defineCondition<P>(kind: ConditionKind<P>): AnyConditionKind {
  return kind as unknown as AnyConditionKind
}

/** Visits each trace event after the step began, once; the scanner keeps its place. */
export function traceScanner(
  base: StepBaseline,
): (facts: Facts, visit: (e: SimEvent) => void) => void {
  // A sequence number: a bounded trace drops its oldest entries (those are not visited).
  let cursor = base.traceLength
  return (facts, visit) => {
    const { trace, traceStart } = facts
    for (cursor = Math.max(cursor, traceStart); cursor < traceStart + trace.length; cursor++) {
      const event = trace[cursor - traceStart]
      if (event) visit(event)
    }
  }
}

/** "1 Pod" / "3 Pods". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}

/** How a count compares, as prose and as a test. */
export function countTest(
  params: { count?: number | undefined; atLeast?: number | undefined },
  fallbackAtLeast = 1,
): { test: (n: number) => boolean; text: string } {
  if (params.count !== undefined) {
    const c = params.count
    return { test: (n) => n === c, text: `exactly ${c}` }
  }
  const min = params.atLeast ?? fallbackAtLeast
  return { test: (n) => n >= min, text: `at least ${min}` }
}
