import type { FlowStep } from '../sim/index'

/** Where a step of the followed flow stands at one instant (see worker/flow/step-timeline.ts). */
export type StepState = 'pending' | 'active' | 'waiting' | 'done'

export interface StepChange {
  atMs: number
  state: StepState
}

/** One of the six steps: its changes of state, and its first and last message as the trace has them. */
export interface StepTimeline {
  step: FlowStep
  changes: StepChange[]
  /** When its first message was sent, and when its last one arrived (so far). */
  firstMs?: number | undefined
  lastMs?: number | undefined
}

/** A line of the flow's story, from `atMs` on: plain words, and the components' own detail. */
export interface FlowLine {
  atMs: number
  step?: FlowStep | undefined
  text: string
  detail?: string | undefined
}

/**
 * The request flow the step list follows: the Pod the user's latest action caused, step by
 * step, as the simulation's trace has it. Derived in the worker; a new action starts a new one.
 */
export interface FlowRecord {
  /** Changes when a new flow starts (a new action), so views start over. */
  id: number
  /** What the user did, and when (and the kubectl command's id). */
  cause: string
  commandId: string
  causeAtMs: number
  /** The Pod followed, once known. */
  pod?: string | undefined
  /** One line: what is followed and why ("Following Pod web, which you applied"). */
  caption: string
  steps: StepTimeline[]
  lines: FlowLine[]
  /** When the Pod's Running status was stored, and the closing line then. */
  completedAtMs?: number | undefined
  closing?: string | undefined
  /** How the flow ended otherwise (rejected by the API server, the Pod deleted …), from atMs. */
  outcome?: { atMs: number; text: string } | undefined
}

/** The state a step's changes give at virtual time `t` (pending before the first change). */
export function stateFromChanges(changes: readonly StepChange[], t: number): StepState {
  let state: StepState = 'pending'
  for (const c of changes) {
    if (c.atMs > t) break
    state = c.state
  }
  return state
}

/** The flow's latest line at or before `t`. */
export function lineAt(lines: readonly FlowLine[], t: number): FlowLine | undefined {
  let line: FlowLine | undefined
  for (const l of lines) {
    if (l.atMs > t) break
    line = l
  }
  return line
}
