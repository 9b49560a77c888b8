/**
 * SimAction: the headless API's only input. Everything a user can do in the UI is one of these,
 * recorded with the virtual time it was applied at, so seed + actions replay a run exactly.
 */
export type SimAction =
  | { type: 'runKubectl'; commandId: string; command: string; stdin?: string }
  | { type: 'stopComponent'; id: string }
  | { type: 'startComponent'; id: string }
  /**
   * The machine under a node changed (resized VM, kubelet --max-pods): its kubelet reports the new
   * capacity in the Node's status. Node spec and labels change through kubectl instead
   * (`runKubectl` with cordon, taint, label), as they would in a real cluster.
   */
  | {
      type: 'setNodeCapacity'
      node: string
      cpu?: string | undefined
      memory?: string | undefined
      pods?: number | undefined
    }

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
    case 'setNodeCapacity': {
      const parts = [
        action.cpu !== undefined ? `cpu=${action.cpu}` : '',
        action.memory !== undefined ? `memory=${action.memory}` : '',
        action.pods !== undefined ? `pods=${action.pods}` : '',
      ].filter((p) => p !== '')
      return `set capacity of ${action.node}: ${parts.join(', ')}`
    }
  }
}
