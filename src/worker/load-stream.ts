import type { LoadMetersView, Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'

/**
 * The Load tab's meters: read from the simulation each frame (a handful of counters per API
 * server, no scan) and sent only when one of them moved.
 */
export class LoadStream {
  private lastSignature = ''

  add(sim: Simulation, frame: Frame, reset: boolean): void {
    const load = sim.loadMeters()
    const signature = signatureOf(load)
    if (!reset && signature === this.lastSignature) return
    this.lastSignature = signature
    frame.load = load
  }
}

function signatureOf(load: LoadMetersView): string {
  const parts = load.apiServers.map((a) =>
    [
      a.running,
      a.requests,
      a.inFlight,
      a.queued,
      a.tooManyRequests,
      a.etcdRangeBytes,
      a.etcdWatchBytes,
      a.bytesSent,
      a.watchCacheBytes,
      a.recentLists.length,
      a.recentLists.at(-1)?.servedMs ?? 0,
    ].join(','),
  )
  return `${parts.join(';')}|${String(load.lastList?.finishedMs ?? -1)}`
}
