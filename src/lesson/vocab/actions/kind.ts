import type { z } from 'zod'
import type { SimAction } from '../../../sim/index'
import type { Facts } from '../facts'
import type { NameReference } from '../conditions/kind'

/** What an action item becomes when it runs: SimActions, or why it cannot run now. */
export type Resolution = { actions: SimAction[] } | { error: string }

/** Gives each kubectl run a command id unique within the history. */
export type CommandIds = () => string

/**
 * One word of the scenario vocabulary: `apply`, `stop`, `partition` … Scenarios (set up when a
 * step begins) and solutions ("show me") are lists of these. Each resolves, at the instant it
 * runs, into the SimActions a user's click or kubectl line would dispatch, so "show me" does
 * exactly what a student could do. Adding a word: `<word>.ts` here, one line in registry.ts,
 * and a section in lessons/README.md.
 */
export interface ActionKind<P> {
  key: string
  help: string
  params: z.ZodType<P>
  /** What the student sees while "show me" does it. */
  describe(params: P): string
  resolve(params: P, facts: Facts, ids: CommandIds): Resolution
  references?(params: P): NameReference[]
}

export type AnyActionKind = ActionKind<never>

export function defineAction<P>(kind: ActionKind<P>): AnyActionKind {
  return kind as unknown as AnyActionKind
}

export function kubectlAction(ids: CommandIds, command: string, stdin?: string): SimAction {
  return {
    type: 'runKubectl',
    commandId: ids(),
    command: command.replace(/^kubectl\s+/, ''),
    ...(stdin !== undefined ? { stdin } : {}),
  }
}
