/**
 * CycleState: per-cycle scratch data written by PreFilter/PreScore and read by Filter/Score.
 * Source: framework.CycleState, pkg/scheduler/framework/cycle_state.go (v1.32)
 * It lives for one scheduling cycle only and is never stored in sim state; values are plain data.
 * Invariant: plugins never mutate a value after writing it (clones share values; see cloneCycleState).
 */
export interface CycleState {
  data: Record<string, unknown>
  /** Plugins whose PreFilter returned Skip: their Filter does not run (SkipFilterPlugins). */
  skipFilterPlugins: string[]
  /** Plugins whose PreScore returned Skip: their Score does not run (SkipScorePlugins). */
  skipScorePlugins: string[]
}

export function newCycleState(): CycleState {
  return { data: {}, skipFilterPlugins: [], skipScorePlugins: [] }
}

/** CycleState.Clone(): a shallow copy; extensions replace values rather than mutate them. */
export function cloneCycleState(state: CycleState): CycleState {
  return {
    data: { ...state.data },
    skipFilterPlugins: [...state.skipFilterPlugins],
    skipScorePlugins: [...state.skipScorePlugins],
  }
}

export function writeState(state: CycleState, key: string, value: unknown): void {
  state.data[key] = value
}

/** Reads a value written by this plugin's PreFilter/PreScore; undefined if absent. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type it wrote
export function readState<T>(state: CycleState, key: string): T | undefined {
  return state.data[key] as T | undefined
}
