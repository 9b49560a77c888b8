/**
 * SimAction: the headless API's only input. Everything a user can do in the UI is one of these,
 * recorded with the virtual time it was applied at, so seed + actions replay a run exactly.
 */
export type SimAction =
  | { type: 'runKubectl'; commandId: string; command: string; stdin?: string }
  | { type: 'stopComponent'; id: string }
  | { type: 'startComponent'; id: string }

/** An action as recorded in the log. */
export interface RecordedAction {
  atMs: number
  action: SimAction
}

/** One line describing an action, for the trace and the timeline. */
export function summarizeAction(action: SimAction): string {
  switch (action.type) {
    case 'runKubectl':
      return `kubectl ${action.command.replace(/^kubectl\s+/, '')}`
    case 'stopComponent':
      return `stop ${action.id}`
    case 'startComponent':
      return `start ${action.id}`
  }
}
