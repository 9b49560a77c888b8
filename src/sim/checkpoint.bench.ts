import type { Checkpoint } from './checkpoint-policy'
import { SCALE_TRACE_LIMIT } from './index'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS, runningPods } from './testing/manifests'
import { restPoint, timeCheckpoints } from './testing/checkpoint-rest'
import { applyDeployments, benchPrintedOnce, fmt } from './testing/scale-bench-kit'

// The sim's lib has no host globals: the environment is read on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const process: { env: Record<string, string | undefined> }

// What checkpoints copy (checkpoint-policy.ts, core/copy-like.ts): boots SCALE_NODES nodes, runs
// an idle minute, fills SCALE_PODS Pods and runs a steady minute, as the scale bench does; then
// prints every kept checkpoint (objects of its own, objects read to take it, by actor kind) and
// where a full copy's mutable objects are (actor kind → field), the part no checkpoint can share
// until it stops changing.
//   SCALE_NODES=1000 SCALE_PODS=3000 npx vitest bench --run src/sim/checkpoint.bench.ts
// With CHECKPOINT_REST_MINUTES=25 (and NODE_OPTIONS=--expose-gc) it then leaves the cluster at
// rest that long, and every CHECKPOINT_REST_EVERY minutes (5) prints the heap after GC, what the
// kept checkpoints keep alive beyond the live state, what the budget counts for them, and the
// CPU-s checkpoints took: the heap at rest must level off.
const NODES = Number(process.env['SCALE_NODES'] ?? 200)
const PODS = Number(process.env['SCALE_PODS'] ?? 2_000)
const REST_MINUTES = Number(process.env['CHECKPOINT_REST_MINUTES'] ?? 0)
const REST_EVERY = Number(process.env['CHECKPOINT_REST_EVERY'] ?? 5)
// CHECKPOINT_PINS=0 takes checkpoints without the pin ledger (core/pin-ledger.ts): what it costs.
const PINS = process.env['CHECKPOINT_PINS'] !== '0'
// CHECKPOINT_BYTE_BUDGET_MB sets the checkpoints' byte budget (a browser tab's, or one small
// enough to bind within the run).
const BUDGET_MB = process.env['CHECKPOINT_BYTE_BUDGET_MB']
const budget = BUDGET_MB === undefined ? {} : { checkpointByteBudget: Number(BUDGET_MB) * 2 ** 20 }
const MINUTE_MS = 60_000
const SHOWN_FIELDS = 15

interface Internals {
  checkpoints: Checkpoint[]
  kernel: { actors: Record<string, Record<string, unknown>> } & Record<string, unknown>
}

/** Mutable objects under `root` not counted yet (frozen ones are shared by every copy). */
function mutableObjects(root: unknown, seen: Set<object>): number {
  let n = 0
  const stack = [root]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null || Object.isFrozen(v) || seen.has(v)) continue
    seen.add(v)
    n++
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x)
    else if (v instanceof Set) for (const x of v) stack.push(x)
    else if (!ArrayBuffer.isView(v)) stack.push(...(Object.values(v) as unknown[]))
  }
  return n
}

function printCheckpoints(sim: Simulation): void {
  const inside = sim as unknown as Internals
  for (const c of inside.checkpoints) {
    const kinds = new Map<string, number>()
    for (const [id, n] of c.actorObjects) {
      const kind = String(c.kernel.actors[id]?.kind)
      kinds.set(kind, (kinds.get(kind) ?? 0) + n)
    }
    const top = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6)
    console.log(
      `[checkpoint] at ${fmt(c.atMs / 1000)} s: ${fmt(c.copiedObjects)} objects of its own, ` +
        `${fmt(c.walkedObjects)} read; ${top.map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`,
    )
  }
}

function printMutableFields(sim: Simulation): void {
  const { kernel } = sim as unknown as Internals
  const seen = new Set<object>()
  const byField = new Map<string, number>()
  for (const actor of Object.values(kernel.actors))
    for (const [field, value] of Object.entries(actor)) {
      const label = `${String(actor['kind'])}.${field}`
      byField.set(label, (byField.get(label) ?? 0) + mutableObjects(value, seen))
    }
  for (const field of ['queue', 'network', 'crashes'])
    byField.set(`kernel.${field}`, mutableObjects(kernel[field], seen))
  const total = [...byField.values()].reduce((a, b) => a + b, 0)
  console.log(`[checkpoint] a full copy now: ${fmt(total)} mutable objects; the largest parts:`)
  for (const [label, n] of [...byField].sort((a, b) => b[1] - a[1]).slice(0, SHOWN_FIELDS))
    console.log(`[checkpoint]   ${fmt(n).padStart(9)} ${label}`)
}

// At rest the trace is bounded as scale mode bounds it (else its growth hides the checkpoints').
const traceLimit = REST_MINUTES > 0 ? { traceLimit: SCALE_TRACE_LIMIT } : {}
const sim = createSimulation({
  seed: 1,
  nodes: NODES,
  maxPodsPerNode: 110,
  ...traceLimit,
  ...budget,
})
if (!PINS) Object.assign((sim as unknown as { changed: object }).changed, { pins: undefined })
const cpu = timeCheckpoints(sim)
sim.advance(BOOT_MS + MINUTE_MS)
applyDeployments(sim, PODS, 1_000)
const start = sim.nowMs
while (runningPods(sim).length < PODS && sim.nowMs - start < 10 * MINUTE_MS) sim.advance(2_000)
sim.advance(MINUTE_MS)
console.log(
  `[checkpoint] ${fmt(NODES)} nodes, ${fmt(PODS)} Pods, at ${fmt(sim.nowMs / 1000)} s` +
    `${PINS ? '' : ' (no pin ledger)'}: ${fmt(cpu.taken())} checkpoints taken took ` +
    `${fmt(cpu.cpuS(), 2)} CPU-s:`,
)
printCheckpoints(sim)
printMutableFields(sim)
if (REST_MINUTES > 0) console.log(restPoint(sim, cpu))
for (let m = REST_EVERY; m <= REST_MINUTES; m += REST_EVERY) {
  sim.advance(REST_EVERY * MINUTE_MS)
  console.log(restPoint(sim, cpu))
}
if (REST_MINUTES > 0) printCheckpoints(sim)

benchPrintedOnce('checkpoint')
