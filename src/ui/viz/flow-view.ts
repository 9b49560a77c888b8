import { lineAt, stateFromChanges, type FlowRecord, type StepState } from '../../protocol/flow'

/** What the step list shows at one instant. */
export interface FlowView {
  states: StepState[]
  text: string
  detail?: string | undefined
  /** The closing line, once the Pod's Running status is stored. */
  closing?: string | undefined
  /** How the flow ended otherwise (rejected …). */
  outcome?: string | undefined
}

/** The step list at virtual time `t`: the states and words the worker derived from the trace. Pure. */
export function flowViewAt(flow: FlowRecord | undefined, t: number): FlowView {
  if (!flow)
    return { states: ['pending', 'pending', 'pending', 'pending', 'pending', 'pending'], text: '' }
  const line = lineAt(flow.lines, t)
  const done = flow.completedAtMs !== undefined && t >= flow.completedAtMs
  const ended = flow.outcome !== undefined && t >= flow.outcome.atMs
  return {
    states: flow.steps.map((s) => stateFromChanges(s.changes, t)),
    text: line?.text ?? '',
    detail: line?.detail,
    closing: done ? flow.closing : undefined,
    outcome: ended ? flow.outcome?.text : undefined,
  }
}

/** A compact key: equal keys mean an equal view (so React renders only on change). */
export function flowViewKey(view: FlowView): string {
  return [view.states.join(','), view.text, view.detail, view.closing, view.outcome].join('|')
}
