import { createSimulation, type Simulation } from './simulation'
import { SCALE_TRACE_LIMIT } from './trace-log'
import { BOOT_MS, runningPods } from './testing/manifests'
import { applyDeployments, benchPrintedOnce, fmt, heapBytes } from './testing/scale-bench-kit'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }
declare const process: {
  env: Record<string, string | undefined>
  cpuUsage: () => { user: number; system: number }
}
declare const globalThis: { gc?: () => void }

// Issue 15's table for one size: SCALE_NODES nodes, SCALE_PODS Pods from Deployments of at most
// SCALE_PODS_PER_DEPLOYMENT small Pods (10m CPU, 16Mi). Heap figures need `node --expose-gc`
// (NODE_OPTIONS=--expose-gc npm run bench); without it they include garbage.
const NODES = Number(process.env['SCALE_NODES'] ?? 200)
const PODS = Number(process.env['SCALE_PODS'] ?? 2_000)
const PODS_PER_DEPLOYMENT = Number(process.env['SCALE_PODS_PER_DEPLOYMENT'] ?? 1_000)
// Virtual time to give up filling after.
const FILL_LIMIT_MS = Number(process.env['SCALE_FILL_LIMIT_MS'] ?? 600_000)
const MINUTE_MS = 60_000
// The trace keeps this many entries at most, as the app's scale mode does (SCALE_TRACE_LIMIT=Infinity:
// all of them, to weigh a whole trace).
const TRACE_LIMIT = Number(process.env['SCALE_TRACE_LIMIT'] ?? SCALE_TRACE_LIMIT)
// Checkpoint boundaries (SCALE_CHECKPOINT_MS=1e12: none after the first, to weigh what they cost).
const CHECKPOINT_MS = process.env['SCALE_CHECKPOINT_MS']
// How often the bench counts Running Pods (decoding every stored Pod is the bench's cost, not
// counted in the fill's time: at 150,000 Pods poll less often, SCALE_POLL_MS=20000).
const POLL_MS = Number(process.env['SCALE_POLL_MS'] ?? 2_000)
// SCALE_PROGRESS=1: a line per poll during the fill, for runs that take many minutes.
const PROGRESS = process.env['SCALE_PROGRESS'] === '1'
// Minutes measured after the steady minute. The first minute after the fill also pays for the
// fill: its garbage's major GC (marking a heap that grows with Pods) and its last Pods' writes,
// so it says little about a cluster at rest; these minutes do (SCALE_SETTLED_MINUTES=0: none).
const SETTLED_MINUTES = Number(process.env['SCALE_SETTLED_MINUTES'] ?? 2)

// CPU seconds of this process: on a machine shared with other work, wall time says more about
// the neighbours than about the simulation.
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

function kindsSince(sim: Simulation, before: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(sim.eventsByKind)
    .map(([kind, n]): [string, number] => [kind, n - (before[kind] ?? 0)])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
}

function printKinds(title: string, kinds: [string, number][], per: number, unit: string): void {
  const total = kinds.reduce((sum, [, n]) => sum + n, 0)
  const top = kinds
    .slice(0, 12)
    .map(
      ([kind, n]) => `${kind} ${fmt(n)} (${fmt((100 * n) / total, 1)}%, ${fmt(n / per, 2)}${unit})`,
    )
  console.log(`[scale] ${title}: ${top.join('; ')}`)
}

/** Node Leases stored (kube-node-lease): one per registered kubelet. */
function leaseCount(sim: Simulation): number {
  return sim
    .snapshot()
    .objects.filter((o) => o.kind === 'Lease' && o.metadata?.namespace === 'kube-node-lease').length
}

/** CPU seconds spent taking checkpoints, and how many were taken, since the meter was set. */
interface CheckpointMeter {
  cpuS: number
  taken: number
  /** The newest one's walked objects and members (checkpoint-policy.ts weighs them). */
  walked: string
}

/** Times the Simulation's checkpoints (a private method, wrapped: the bench ends with the sim). */
function meterCheckpoints(sim: Simulation): CheckpointMeter {
  const internals = sim as unknown as {
    takeCheckpoint: (atMs: number) => void
    checkpoints: { walkedObjects: number; walkedMembers?: number }[]
  }
  const take = internals.takeCheckpoint.bind(sim)
  const meter = { cpuS: 0, taken: 0, walked: '' }
  internals.takeCheckpoint = (atMs) => {
    const last = internals.checkpoints[internals.checkpoints.length - 1]
    const cpu = cpuSeconds()
    take(atMs)
    meter.cpuS += cpuSeconds() - cpu
    const newest = internals.checkpoints[internals.checkpoints.length - 1]
    if (newest === last || !newest) return
    meter.taken++
    meter.walked = `${fmt(newest.walkedObjects)} objects and ${fmt(newest.walkedMembers ?? 0)} members walked`
  }
  return meter
}

interface Timed {
  wallS: number
  cpuS: number
  events: number
  kinds: [string, number][]
  /** Of cpuS, the checkpoints'; and how many were taken. */
  checkpointCpuS: number
  checkpoints: number
}

/** Runs `ms` of virtual time: wall and CPU seconds, kernel events, events by kind, checkpoints. */
function timed(sim: Simulation, ms: number, meter: CheckpointMeter): Timed {
  const before = { ...sim.eventsByKind }
  const events = sim.processedEvents
  const checkpoint = { ...meter }
  const start = performance.now()
  const cpu = cpuSeconds()
  sim.advance(ms)
  return {
    wallS: (performance.now() - start) / 1000,
    cpuS: cpuSeconds() - cpu,
    events: sim.processedEvents - events,
    kinds: kindsSince(sim, before),
    checkpointCpuS: meter.cpuS - checkpoint.cpuS,
    checkpoints: meter.taken - checkpoint.taken,
  }
}

/** The settled minutes' line: CPU-s of each, the median's rate, the checkpoints' share. */
function printSettled(minutes: Timed[], meter: CheckpointMeter): void {
  if (minutes.length === 0) return
  const sorted = minutes.map((m) => m.cpuS).sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 1
  const cpu = minutes.reduce((sum, m) => sum + m.cpuS, 0)
  const checkpointCpu = minutes.reduce((sum, m) => sum + m.checkpointCpuS, 0)
  const events = minutes.reduce((sum, m) => sum + m.events, 0)
  console.log(
    `[scale] settled minutes after it: CPU-s ${minutes.map((m) => fmt(m.cpuS, 2)).join(', ')} → ` +
      `median ${fmt(60 / median, 2)} cluster-s per CPU-s (all: ${fmt((60 * minutes.length) / cpu, 2)}); ` +
      `${fmt(events / minutes.length / NODES, 1)} kernel events per node per minute, ${fmt((cpu * 1e6) / events, 1)} µs CPU each; ` +
      `checkpoints ${fmt(minutes.reduce((sum, m) => sum + m.checkpoints, 0))} taken, ${fmt((100 * checkpointCpu) / cpu, 1)}% of the CPU (the newest: ${meter.walked})`,
  )
}

function fill(sim: Simulation): {
  allRunning: boolean
  wallS: number
  cpuS: number
  virtualS: number
} {
  const startVirtual = sim.nowMs
  // Each kubectl apply lets time pass until its answer: with many Deployments (150 at 150,000
  // Pods) much of the fill happens while they are applied, so that time counts too.
  const applyStart = performance.now()
  const applyCpu = cpuSeconds()
  applyDeployments(sim, PODS, PODS_PER_DEPLOYMENT)
  let simWallMs = performance.now() - applyStart
  let simCpuS = cpuSeconds() - applyCpu
  let running = 0
  while (running < PODS && sim.nowMs - startVirtual < FILL_LIMIT_MS) {
    const start = performance.now()
    const cpu = cpuSeconds()
    sim.advance(POLL_MS)
    simWallMs += performance.now() - start
    simCpuS += cpuSeconds() - cpu
    running = runningPods(sim).length
    if (PROGRESS)
      console.log(
        `[scale] fill at ${fmt((sim.nowMs - startVirtual) / 1000)} virtual s: ${fmt(running)} Running; ${fmt(simWallMs / 1000, 1)} s wall, ${fmt(simCpuS, 1)} CPU-s`,
      )
  }
  return {
    allRunning: running >= PODS,
    wallS: simWallMs / 1000,
    cpuS: simCpuS,
    virtualS: (sim.nowMs - startVirtual) / 1000,
  }
}

function measureScale(): void {
  const bootStart = performance.now()
  const baseHeap = heapBytes()
  const sim = createSimulation({
    seed: 1,
    nodes: NODES,
    maxPodsPerNode: 110,
    traceLimit: TRACE_LIMIT,
    ...(CHECKPOINT_MS !== undefined ? { checkpointIntervalMs: Number(CHECKPOINT_MS) } : {}),
  })
  const checkpointMeter = meterCheckpoints(sim)
  sim.advance(BOOT_MS)
  // A big cluster is still booting after BOOT_MS (at 5,000 nodes ~1,600 kubelets are still
  // registering: POST Lease, their first LIST and WATCH), so the idle minute starts once every
  // node holds a Lease, as a cluster at rest would.
  while (sim.nowMs < BOOT_MS + MINUTE_MS && leaseCount(sim) < NODES) sim.advance(1_000)
  const bootS = (performance.now() - bootStart) / 1000
  const bootVirtualS = sim.nowMs / 1000
  const idle = timed(sim, MINUTE_MS, checkpointMeter)
  const idleHeap = heapBytes()
  const traceAtIdle = sim.traceEnd

  const fillEventsFrom = sim.processedEvents
  const fillKindsFrom = { ...sim.eventsByKind }
  const filled = fill(sim)
  const fillEvents = sim.processedEvents - fillEventsFrom
  const fillKinds = kindsSince(sim, fillKindsFrom)
  const steady = timed(sim, MINUTE_MS, checkpointMeter)
  const settled: Timed[] = []
  for (let i = 0; i < SETTLED_MINUTES; i++) settled.push(timed(sim, MINUTE_MS, checkpointMeter))

  const fullHeap = heapBytes()
  const traceEntries = sim.traceEnd
  const traceKept = sim.trace.length
  // Take the sim apart to weigh its parts (the bench ends here): the trace, then the checkpoints.
  const internals = sim as unknown as {
    traceLog: { entries: unknown[] }
    checkpoints: unknown[]
    /** Holds the last checkpoint's copy, for the next one to share. */
    changed: unknown
  }
  internals.traceLog.entries.length = 0
  const withoutTrace = heapBytes()
  internals.checkpoints.length = 0
  internals.changed = undefined
  const kernelOnly = heapBytes()

  const perPodKb = (bytes: number) => fmt(bytes / PODS / 1024, 1)
  console.log(
    `[scale] ${fmt(NODES)} nodes, ${fmt(PODS)} Pods (Deployments of ≤${fmt(PODS_PER_DEPLOYMENT)}): ` +
      `boot ${fmt(bootS, 1)} s wall (${fmt(bootVirtualS)} virtual s until every node held a Lease); idle ${fmt(idle.events)} kernel events/min = ` +
      `${fmt(idle.events / NODES, 1)} per node per minute, ${fmt(60 / idle.wallS, 1)} cluster-s per wall-s (${fmt(60 / idle.cpuS, 1)} per CPU-s); ` +
      `heap after boot ${fmt((idleHeap - baseHeap) / 2 ** 20)} MB`,
  )
  printKinds('idle minute, kinds', idle.kinds, NODES, '/node')
  console.log(
    `[scale] fill: ${filled.allRunning ? 'all Running' : 'NOT all Running'} after ${fmt(filled.virtualS)} virtual s; ` +
      `${fmt(fillEvents)} kernel events = ${fmt(fillEvents / PODS, 1)} per Pod start; ` +
      `${fmt(filled.wallS, 1)} s wall (${fmt(filled.cpuS, 1)} CPU-s) = ` +
      `${fmt(filled.virtualS / filled.wallS, 2)} cluster-s per wall-s (${fmt(filled.virtualS / filled.cpuS, 2)} per CPU-s)`,
  )
  printKinds('fill, kinds', fillKinds, PODS, '/Pod')
  console.log(
    `[scale] steady minute with ${fmt(PODS)} Pods: ${fmt(steady.events)} kernel events = ` +
      `${fmt(steady.events / NODES, 1)} per node per minute; ${fmt(60 / steady.wallS, 2)} cluster-s per wall-s (${fmt(60 / steady.cpuS, 2)} per CPU-s); ` +
      `checkpoints ${fmt(steady.checkpoints)} taken, ${fmt((100 * steady.checkpointCpuS) / steady.cpuS, 1)}% of the CPU`,
  )
  printKinds('steady minute, kinds', steady.kinds, NODES, '/node')
  printSettled(settled, checkpointMeter)
  console.log(
    `[scale] heap${globalThis.gc ? '' : ' (no --expose-gc: includes garbage)'}: ` +
      `${fmt((fullHeap - baseHeap) / 2 ** 20)} MB in all; trace ${fmt((fullHeap - withoutTrace) / 2 ** 20)} MB ` +
      `(${fmt(traceKept)} entries kept of ${fmt(traceEntries)} recorded, limit ${fmt(TRACE_LIMIT)}; ` +
      `${fmt((fullHeap - withoutTrace) / Math.max(1, traceKept))} bytes per entry; ` +
      `${fmt(traceAtIdle)} recorded before the fill, ${fmt((traceEntries - traceAtIdle) / PODS, 1)} per Pod = ` +
      `${fmt((((traceEntries - traceAtIdle) / PODS) * ((fullHeap - withoutTrace) / Math.max(1, traceKept))) / 1024, 1)} KB per Pod unbounded); ` +
      `checkpoints ${fmt((withoutTrace - kernelOnly) / 2 ** 20)} MB; ` +
      `per Pod without the trace ${perPodKb(withoutTrace - idleHeap)} KB ` +
      `(kernel alone, nodes included: ${perPodKb(kernelOnly - baseHeap)} KB)`,
  )
}

measureScale()

benchPrintedOnce('scale')
