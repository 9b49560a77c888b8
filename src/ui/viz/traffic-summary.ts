import type { EndpointSliceRecord, ServiceRecord, TrafficRecord } from '../../protocol/records'

export interface TrafficBar {
  /** The Pod that answered, or what went wrong ("timed out", "refused" …). */
  label: string
  detail: string
  count: number
  share: number
  failed: boolean
}

const FAILURES: Record<Exclude<TrafficRecord['outcome'], 'ok'>, string> = {
  timeout: 'timed out (no answer in 2 s)',
  refused: 'connection refused',
  reset: 'empty reply',
  'no-endpoints': 'rejected: no endpoints',
  'no-service': 'could not resolve host',
}

/** One bar per answering Pod (then one per kind of failure), with its share of the requests. */
export function trafficBars(results: readonly TrafficRecord[]): TrafficBar[] {
  const byPod = new Map<string, { detail: string; count: number }>()
  const failures = new Map<string, number>()
  for (const r of results) {
    if (r.outcome === 'ok') {
      const key = r.pod ?? r.endpoint
      const entry = byPod.get(key) ?? {
        detail: `${r.endpoint}${r.node ? ` on ${r.node}` : ''}`,
        count: 0,
      }
      entry.count++
      byPod.set(key, entry)
    } else {
      const why = FAILURES[r.outcome]
      const key = r.endpoint !== '' && r.outcome === 'timeout' ? `${why} — ${r.endpoint}` : why
      failures.set(key, (failures.get(key) ?? 0) + 1)
    }
  }
  const total = Math.max(1, results.length)
  const ok = [...byPod.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, e]) => ({
      label,
      detail: e.detail,
      count: e.count,
      share: e.count / total,
      failed: false,
    }))
  const bad = [...failures.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, count]) => ({ label, detail: '', count, share: count / total, failed: true }))
  return [...ok, ...bad]
}

/** The endpoints of a Service from its slices, ready ones first. */
export function serviceEndpoints(
  service: ServiceRecord | undefined,
  slices: Readonly<Record<string, EndpointSliceRecord>>,
): EndpointSliceRecord['endpoints'] {
  if (!service) return []
  return Object.values(slices)
    .filter((s) => s.namespace === service.namespace && s.service === service.name)
    .flatMap((s) => s.endpoints)
    .sort((a, b) => Number(b.ready) - Number(a.ready) || (a.pod < b.pod ? -1 : 1))
}

/** In words: how the node's rules chose, for the mode that was in force. */
export function modeExplanation(mode: 'iptables' | 'ipvs', endpoints: number): string {
  if (endpoints === 0) return 'No ready endpoint: the rules reject the connection at once.'
  if (mode === 'ipvs')
    return `IPVS round robin: the virtual server hands each new connection to the next of its ${endpoints} real servers in turn.`
  return `iptables: each connection walks the KUBE-SVC chain and jumps at random — 1/${endpoints}, then 1/${endpoints - 1}, … — so each of the ${endpoints} endpoints gets 1/${endpoints} on average.`
}
