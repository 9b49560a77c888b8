import { createSimulation, type Simulation } from '../simulation'
import { SCALE_TRACE_LIMIT } from '../trace-log'
import { BOOT_MS, runningPods } from '../testing/manifests'
import { applyDeployments, benchPrintedOnce, fmt } from '../testing/scale-bench-kit'

// The sim's lib has no host globals; a benchmark measures with the host's clock and, when asked,
// the host's profilers, on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const process: {
  env: Record<string, string | undefined>
  cpuUsage: () => { user: number; system: number }
  getBuiltinModule: (id: string) => unknown
}

/**
 * A cluster at rest, measured alone: SCALE_NODES nodes and SCALE_PODS Running Pods, then
 * STEADY_MINUTES cluster-minutes of Lease renewals and node status, each minute's CPU-s printed
 * (the minimum says most on a shared machine). scale.bench.ts measures one steady minute after
 * a long fill; this one repeats it so a profile of the API server's per-request work is not
 * drowned by the fill. STEADY_PROFILE_DIR=<dir>: a CPU profile and a sampling heap profile of
 * the steady minutes only (PROFILE_PHASE=fill: of the fill only), written as .cpuprofile and
 * .heapprofile for Chrome DevTools or a small summary script.
 */
const NODES = Number(process.env['SCALE_NODES'] ?? 1_000)
const PODS = Number(process.env['SCALE_PODS'] ?? 3_000)
const MINUTES = Number(process.env['STEADY_MINUTES'] ?? 3)
const PROFILE_DIR = process.env['STEADY_PROFILE_DIR']
const PROFILE_PHASE = process.env['PROFILE_PHASE'] ?? 'steady'
const MINUTE_MS = 60_000
const POLL_MS = 2_000

interface InspectorSession {
  connect(): void
  post(method: string, params: object, callback: (error: unknown, result: unknown) => void): void
}
interface Profiler {
  stop(): void
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/** Starts the CPU and sampling heap profilers (synchronous in Node: callbacks run at once). */
function startProfiler(dir: string, phase: string): Profiler {
  const inspector = process.getBuiltinModule('node:inspector') as {
    Session: new () => InspectorSession
  }
  const fs = process.getBuiltinModule('node:fs') as {
    writeFileSync: (path: string, text: string) => void
    mkdirSync: (path: string, options: object) => void
  }
  const session = new inspector.Session()
  session.connect()
  const post = (method: string, params: object = {}): unknown => {
    let out: unknown
    session.post(method, params, (error, result) => {
      if (error) throw error as Error
      out = result
    })
    return out
  }
  post('Profiler.enable')
  post('Profiler.setSamplingInterval', { interval: 200 })
  post('Profiler.start')
  post('HeapProfiler.enable')
  // Garbage counts too: what the steady state allocates, not what it keeps.
  post('HeapProfiler.startSampling', {
    samplingInterval: 32_768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  return {
    stop() {
      const cpu = post('Profiler.stop') as { profile: unknown }
      const heap = post('HeapProfiler.stopSampling') as { profile: unknown }
      fs.mkdirSync(dir, { recursive: true })
      const base = `${dir}/${phase}-${String(NODES)}n-${String(PODS)}p`
      fs.writeFileSync(`${base}.cpuprofile`, JSON.stringify(cpu.profile))
      fs.writeFileSync(`${base}.heapprofile`, JSON.stringify(heap.profile))
      console.log(`[steady] profiles written to ${base}.{cpuprofile,heapprofile}`)
    },
  }
}

function fill(sim: Simulation): number {
  applyDeployments(sim, PODS, 1_000)
  const cpu = cpuSeconds()
  while (runningPods(sim).length < PODS) sim.advance(POLL_MS)
  return cpuSeconds() - cpu
}

function measureSteady(): void {
  const sim = createSimulation({
    seed: 1,
    nodes: NODES,
    maxPodsPerNode: 110,
    traceLimit: SCALE_TRACE_LIMIT,
  })
  sim.advance(BOOT_MS + 10_000)
  const fillProfiler =
    PROFILE_DIR !== undefined && PROFILE_PHASE === 'fill'
      ? startProfiler(PROFILE_DIR, 'fill')
      : undefined
  const fillCpu = fill(sim)
  fillProfiler?.stop()
  // Settle: the last Pods' status writes and the controllers' resyncs of the fill.
  sim.advance(MINUTE_MS)
  const profiler =
    PROFILE_DIR !== undefined && PROFILE_PHASE === 'steady'
      ? startProfiler(PROFILE_DIR, 'steady')
      : undefined
  const perMinute: number[] = []
  const eventsFrom = sim.processedEvents
  for (let i = 0; i < MINUTES; i++) {
    const cpu = cpuSeconds()
    sim.advance(MINUTE_MS)
    perMinute.push(cpuSeconds() - cpu)
  }
  profiler?.stop()
  const events = (sim.processedEvents - eventsFrom) / MINUTES
  const best = Math.min(...perMinute)
  const sorted = [...perMinute].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? best
  console.log(
    `[steady] ${fmt(NODES)} nodes, ${fmt(PODS)} Pods: fill ${fmt(fillCpu, 1)} CPU-s; ` +
      `${fmt(events)} kernel events per cluster-minute; CPU-s per cluster-minute ` +
      `${perMinute.map((s) => fmt(s, 2)).join(', ')} → best ${fmt(60 / best, 1)}, median ` +
      `${fmt(60 / median, 1)} cluster-s per CPU-s; ${fmt((best * 1e6) / events, 1)} µs CPU per event`,
  )
}

measureSteady()

benchPrintedOnce('apiserver-steady')
