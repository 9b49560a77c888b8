import type { Frame } from '../protocol/messages'
import type { EndpointSliceRecord, ServiceRecord, TrafficRecord } from '../protocol/records'
import type { AppState } from './store'

// Traffic runs kept for the view (each run is one click of "Send").
const MAX_RUNS = 8
const MAX_LIVE_CHARS = 200_000

/**
 * The Services part of a frame: Service and EndpointSlice records, finished traffic requests
 * grouped by run, the watched node's rules, and output of kubectl commands still running.
 */
export function reduceWorkloads(state: AppState, frame: Frame): Partial<AppState> {
  const next: Partial<AppState> = {}
  const records = frame.reset ? frame.reset.objects : frame.delta.upserted
  const touched =
    frame.reset !== undefined ||
    frame.delta.removed.length > 0 ||
    records.some((r) => r.kind === 'Service' || r.kind === 'EndpointSlice')
  if (touched) {
    const services: Record<string, ServiceRecord> = frame.reset ? {} : { ...state.services }
    const slices: Record<string, EndpointSliceRecord> = frame.reset
      ? {}
      : { ...state.endpointSlices }
    for (const r of records) {
      if (r.kind === 'Service') services[r.key] = r
      if (r.kind === 'EndpointSlice') slices[r.key] = r
    }
    for (const key of frame.delta.removed) {
      delete services[key]
      delete slices[key]
    }
    next.services = services
    next.endpointSlices = slices
  }
  if (frame.traffic) {
    const runs: Record<string, TrafficRecord[]> = { ...state.traffic }
    for (const t of frame.traffic) runs[t.runId] = [...(runs[t.runId] ?? []), t]
    const ids = Object.keys(runs)
    for (const id of ids.slice(0, Math.max(0, ids.length - MAX_RUNS))) delete runs[id]
    next.traffic = runs
  }
  if (frame.rules) next.rules = frame.rules
  if (frame.kubectlStream) {
    const live = { ...state.kubectlLive }
    for (const chunk of frame.kubectlStream)
      live[chunk.commandId] = ((live[chunk.commandId] ?? '') + chunk.text).slice(-MAX_LIVE_CHARS)
    next.kubectlLive = live
  }
  return next
}
