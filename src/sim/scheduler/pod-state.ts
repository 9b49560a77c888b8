/**
 * The scheduler cache's podState (pkg/scheduler/backend/cache/cache.go, v1.32): where a Pod is,
 * whether it is only assumed, and whether its binding call has returned. The values are few (a
 * node name and two flags) and the cache holds one per Pod, so equal ones are one frozen value,
 * replaced on change instead of mutated: a Pod costs the cache its key and a reference, and
 * checkpoints share them.
 */
import { boundedIntern } from '../core/bounded-intern'

export interface PodState {
  readonly nodeName: string
  readonly assumed: boolean
  readonly bindingFinished: boolean
}

// A memo of identity only, outside the sim state (core/bounded-intern.ts): what it remembers
// never changes a value.
const shared = boundedIntern<PodState>(16_384, 'scheduler/pod-state.ts shared')

/** The frozen PodState with these values. */
export function podState(nodeName: string, assumed: boolean, bindingFinished: boolean): PodState {
  const key = `${assumed ? 'a' : '-'}${bindingFinished ? 'b' : '-'}${nodeName}`
  return shared(key, Object.freeze({ nodeName, assumed, bindingFinished }))
}
