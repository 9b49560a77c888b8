/**
 * How many seats a request occupies while it runs. A LIST costs one seat per 100 objects it
 * will process (at least 1, at most 10); everything else costs one.
 * Source: staging/src/k8s.io/apiserver/pkg/util/flowcontrol/request/list_work_estimator.go and
 * config.go (DefaultWorkEstimatorConfig: MinimumSeats 1, MaximumListSeats 10, ObjectsPerSeat 100)
 * (v1.32). Mutating requests' extra seats for the watches they notify are not modelled.
 */
export const MINIMUM_SEATS = 1
export const MAXIMUM_LIST_SEATS = 10
export const OBJECTS_PER_SEAT = 100

export interface ListShape {
  /** Objects stored under the resource (the estimator's countGetterFn). */
  storedCount: number
  /** limit=N, 0 when absent. */
  limit: number
  /** Served from the watch cache (shouldListFromStorage false). */
  fromCache: boolean
  hasSelector: boolean
}

/**
 * estimatedObjectsToBeProcessed: everything stored for a cache list, stored + limit with a
 * selector, 2 × limit for an etcd page; seats = ceil(objects / 100) clamped to [1, 10].
 */
export function listSeats(list: ListShape): number {
  const limit = list.limit > 0 && list.limit < list.storedCount ? list.limit : list.storedCount
  const objects = list.fromCache
    ? list.storedCount
    : list.hasSelector
      ? list.storedCount + limit
      : 2 * limit
  const seats = Math.ceil(objects / OBJECTS_PER_SEAT)
  return Math.min(MAXIMUM_LIST_SEATS, Math.max(MINIMUM_SEATS, seats))
}
