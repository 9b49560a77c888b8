import type { ApiServerState } from './apiserver/state'
import { levelLimit, serverSeats } from './apiserver/apf/flow-control'
import type { ListCost } from './apiserver/apf/meters'
import { PRIORITY_LEVELS, type PriorityLevelName } from './apiserver/apf/priority-levels'
import type { LastList } from './kubectl/get-pages'
import type { KubectlState } from './kubectl/state'
import type { KernelState } from './runtime/kernel'

/** One priority level's seats and queues now, and what it has run and rejected so far. */
export interface PriorityLevelLoad {
  name: PriorityLevelName
  /** Nominal concurrency limit in seats (null for exempt: not limited). */
  limitSeats: number | null
  seatsInUse: number
  executing: number
  queued: number
  dispatched: number
  rejected: number
}

/** One kube-apiserver's meters (cheap counters, read without scanning anything big). */
export interface ApiServerLoad {
  id: string
  running: boolean
  serverSeats: number
  inFlight: number
  queued: number
  tooManyRequests: number
  requests: number
  bytesSent: number
  etcdRangeBytes: number
  etcdWatchBytes: number
  etcdRanges: number
  watchCacheObjects: number
  watchCacheBytes: number
  levels: PriorityLevelLoad[]
  recentLists: ListCost[]
}

export interface LoadMetersView {
  atMs: number
  apiServers: ApiServerLoad[]
  /** What the student's last `kubectl get` of a list cost. */
  lastList?: LastList
}

function apiServerLoad(state: ApiServerState): ApiServerLoad {
  const levels = PRIORITY_LEVELS.map((name): PriorityLevelLoad => {
    const l = state.apf.levels[name]
    const limit = levelLimit(state.apf, name)
    return {
      name,
      limitSeats: Number.isFinite(limit) ? limit : null,
      seatsInUse: l.seatsInUse,
      executing: l.executing,
      queued: l.queued,
      dispatched: l.dispatched,
      rejected: l.rejected,
    }
  })
  const m = state.meters
  return {
    id: state.id,
    running: state.running,
    serverSeats: serverSeats(state.apf),
    inFlight: levels.reduce((sum, l) => sum + l.executing, 0),
    queued: levels.reduce((sum, l) => sum + l.queued, 0),
    tooManyRequests: m.tooManyRequests,
    requests: m.requests,
    bytesSent: m.bytesSent,
    etcdRangeBytes: m.etcdRangeBytes,
    etcdWatchBytes: m.etcdWatchBytes,
    etcdRanges: m.etcdRanges,
    watchCacheObjects: state.cache.objects.size,
    watchCacheBytes: m.watchCacheBytes,
    levels,
    recentLists: [...m.recentLists],
  }
}

/** The load meters of every API server, and kubectl's last list. */
export function loadMetersOf(kernel: KernelState): LoadMetersView {
  const apiServers: ApiServerLoad[] = []
  let lastList: LastList | undefined
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind === 'kube-apiserver')
      apiServers.push(apiServerLoad(actor as unknown as ApiServerState))
    if (actor.kind === 'kubectl') lastList = (actor as unknown as KubectlState).lastList ?? lastList
  }
  return { atMs: kernel.nowMs, apiServers, ...(lastList ? { lastList: { ...lastList } } : {}) }
}
