import { createSimulation, type Simulation } from './simulation'
import { HeapWalker, type WalkTotals } from './heap-walk'
import { BOOT_MS, runningPods } from './testing/manifests'
import { applyDeployments, benchPrintedOnce, fmt, heapBytes } from './testing/scale-bench-kit'
import { COMPACTION_INTERVAL_MS } from './apiserver/compactor'
import type { EtcdMemberState } from './etcd/member-state'
import { freedByField, isBag, isStruct } from './testing/memory-drop'
import { hostCaches } from './core/host-caches'

// The sim's lib has no host globals: the environment is read on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const process: { env: Record<string, string | undefined> }

// Where the live heap goes (issue 15: ≤ 5 KB per Pod without the trace, KWOK-cheap nodes).
// Boots SCALE_NODES nodes, runs an idle minute, fills SCALE_PODS Pods (0: none) and runs until
// the API server's compactor has compacted etcd once (its second round, 10 min after start) and a
// minute more, then prints the live heap without the trace and checkpoints (measured), and an
// estimate of what each owner holds (actor kind → state field → sub-field, heap-walk.ts). With
// SCALE_MORE_PODS it then fills up to that many Pods, runs past the next compaction and a minute,
// and prints what the added Pods cost: the marginal heap per Pod, at equal history windows.
// Shared objects count for the first owner walked (the API server, then etcd, the scheduler,
// the controller manager, the rest). The trace is bounded and checkpoints are rare here
// (neither changes the run): this bench weighs the live state.
// Needs `node --expose-gc`: NODE_OPTIONS=--expose-gc npx vitest bench --run src/sim/memory.bench.ts
// MEMORY_ITEMS=1 breaks records of structs (kubelet workers by uid, …) down by their items' fields;
// MEMORY_DROP=kubelet,kube-proxy,… ends with the heap each field of those kinds really holds
// (dropped one after another, measured after a GC: strings shared by reference count once).
const NODES = Number(process.env['SCALE_NODES'] ?? 200)
const PODS = Number(process.env['SCALE_PODS'] ?? 2_000)
const MORE_PODS = Number(process.env['SCALE_MORE_PODS'] ?? 0)
const ALL_PODS = Math.max(PODS, MORE_PODS)
const PODS_PER_DEPLOYMENT = Number(process.env['SCALE_PODS_PER_DEPLOYMENT'] ?? 1_000)
const FILL_LIMIT_MS = 600_000
const MINUTE_MS = 60_000
const POLL_MS = 2_000
// Parts smaller than this are summed into their owner's remainder line.
const SHOWN_BYTES = Number(process.env['MEMORY_SHOWN_KB'] ?? 64) * 1024
// MEMORY_ITEMS=1: a record or Map of structs (workers by uid, …) is broken down by its items' fields.
const ITEMS = process.env['MEMORY_ITEMS'] === '1'

function fill(sim: Simulation, pods: number): void {
  applyDeployments(sim, pods, PODS_PER_DEPLOYMENT)
  const start = sim.nowMs
  while (runningPods(sim).length < pods && sim.nowMs - start < FILL_LIMIT_MS) sim.advance(POLL_MS)
}

/** Runs until the compactor's next round after now has compacted etcd, then a steady minute. */
function pastCompaction(sim: Simulation, after: number): void {
  const members = () =>
    Object.values((sim as unknown as Internals).kernel.actors).filter(
      (a) => a['kind'] === 'etcd',
    ) as unknown as EtcdMemberState[]
  const start = sim.nowMs
  while (compactedRevision(sim) <= after && sim.nowMs - start < 3 * COMPACTION_INTERVAL_MS)
    sim.advance(POLL_MS)
  sim.advance(MINUTE_MS)
  const m = members()[0]
  if (!m) return
  console.log(
    `[memory] at ${fmt(sim.nowMs / 1000)} cluster-s: etcd revision ${fmt(m.mvcc.revision)}, ` +
      `compacted to ${fmt(m.mvcc.compactRevision)} (${fmt(m.mvcc.log.length)} events of history), ` +
      `Raft applied ${fmt(m.raft.log.applied)}, ${fmt(m.raft.log.entries.length)} entries in memory ` +
      `(snapshot at ${fmt(m.raft.log.snapshot.metadata.index)})`,
  )
}

type Bag = Record<string, unknown>

/** The items of a record or Map of structs (each a struct), or none. */
function itemsOf(value: unknown): Bag[] {
  const items =
    value instanceof Map ? [...value.values()] : isBag(value) ? Object.values(value) : []
  return items.length > 0 && items.every(isStruct) ? items : []
}

interface Internals {
  traceLog: { entries: unknown[] }
  checkpoints: unknown[]
  kernel: Bag & { actors: Record<string, Bag> }
}

// Owners are walked in this order: what a later owner shares with an earlier one counts as the
// earlier one's (and shows as "shared" on the later one's line).
const KIND_ORDER = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager']
const rank = (kind: string) => KIND_ORDER.indexOf(kind) + 1 || KIND_ORDER.length + 1

/** The estimated weight of every actor kind's fields (two levels of struct fields deep). */
function estimate(kernel: Internals['kernel']): Map<string, WalkTotals> {
  const walker = new HeapWalker()
  const out = new Map<string, WalkTotals>()
  const add = (label: string, t: WalkTotals) => {
    const sum = out.get(label) ?? {
      bytes: 0,
      objects: 0,
      sharedRefs: 0,
      frozenBytes: 0,
      mutableBytes: 0,
    }
    sum.bytes += t.bytes
    sum.objects += t.objects
    sum.sharedRefs += t.sharedRefs
    sum.frozenBytes += t.frozenBytes
    sum.mutableBytes += t.mutableBytes
    out.set(label, sum)
  }
  const walkField = (label: string, value: unknown, depth: number) => {
    if (depth > 0 && isStruct(value)) {
      for (const [k, v] of Object.entries(value)) walkField(`${label}.${k}`, v, depth - 1)
      add(`${label} (rest)`, walker.walk(value))
    } else if (depth > 0 && ITEMS && itemsOf(value).length > 0) {
      for (const item of itemsOf(value)) walkField(`${label}[*]`, item, depth)
      add(`${label} (rest)`, walker.walk(value))
    } else add(label, walker.walk(value))
  }
  const actors = Object.values(kernel.actors).sort(
    (a, b) => rank(String(a['kind'])) - rank(String(b['kind'])),
  )
  const counts = new Map<string, number>()
  for (const a of actors) counts.set(String(a['kind']), (counts.get(String(a['kind'])) ?? 0) + 1)
  for (const actor of actors) {
    const kind = String(actor['kind'])
    const n = counts.get(kind) ?? 1
    const label = n > 1 ? `${kind} ×${n}` : kind
    // Informers first: what they share with the rest of their actor counts as theirs.
    const fields = Object.keys(actor).sort(
      (a, b) => Number(b === 'informers') - Number(a === 'informers'),
    )
    for (const field of fields) walkField(`${label}.${field}`, actor[field], 2)
  }
  for (const [field, value] of Object.entries(kernel))
    if (field !== 'actors') walkField(`kernel.${field}`, value, 1)
  // Last: the tables outside the sim state (intern tables, memos), by the module that keeps them.
  for (const [name, table] of hostCaches()) walkField(`outside the state: ${name}`, table, 0)
  return out
}

const mb = (b: number) => `${fmt(b / 2 ** 20, 2)} MB`
const perNode = (b: number) => `${fmt(b / NODES / 1024, 2)} KB/node`
const perPod = (b: number) => (ALL_PODS > 0 ? `, ${fmt(b / ALL_PODS / 1024, 2)} KB/Pod` : '')

function printEstimate(parts: Map<string, WalkTotals>): void {
  const total = [...parts.values()].reduce((s, t) => s + t.bytes, 0)
  console.log(`[memory] estimated (heap-walk.ts), parts ≥ ${fmt(SHOWN_BYTES / 1024)} KB:`)
  for (const [label, t] of parts) {
    if (t.bytes < SHOWN_BYTES) continue
    const shared = t.sharedRefs > 0 ? `; ${fmt(t.sharedRefs)} refs to objects counted above` : ''
    console.log(
      `[memory]   ${label}: ${mb(t.bytes)} (${perNode(t.bytes)}${perPod(t.bytes)}; ${fmt(t.objects)} objects${shared})`,
    )
  }
  console.log(`[memory]   estimated in all: ${mb(total)}`)
}

/** What each owner grew by per added Pod between two estimates (parts that moved ≥ SHOWN_BYTES). */
function printMarginal(before: Map<string, WalkTotals>, after: Map<string, WalkTotals>): void {
  const added = MORE_PODS - PODS
  console.log(`[memory] estimated growth per added Pod, by owner:`)
  for (const [label, t] of after) {
    const delta = t.bytes - (before.get(label)?.bytes ?? 0)
    if (Math.abs(delta) < SHOWN_BYTES) continue
    console.log(`[memory]   ${label}: ${fmt(delta / added / 1024, 2)} KB/Pod`)
  }
}

function compactedRevision(sim: Simulation): number {
  const actors = Object.values((sim as unknown as Internals).kernel.actors)
  return Math.max(
    0,
    ...actors.map((a) => (a as Partial<EtcdMemberState>).mvcc?.compactRevision ?? 0),
  )
}

function measureMemory(): void {
  const baseHeap = heapBytes()
  const sim = createSimulation({
    seed: 1,
    nodes: NODES,
    maxPodsPerNode: 110,
    traceLimit: 1_000,
    checkpointIntervalMs: 3_600_000,
  })
  sim.advance(BOOT_MS)
  sim.advance(MINUTE_MS)
  const idle = heapBytes() - baseHeap
  console.log(`[memory] ${fmt(NODES)} nodes idle: ${mb(idle)} (${perNode(idle)})`)
  if (PODS > 0) fill(sim, PODS)
  pastCompaction(sim, 0)
  // The trace (1,000 entries) and the one checkpoint weigh under a megabyte here.
  const filled = heapBytes() - baseHeap
  console.log(
    `[memory] ${fmt(PODS)} Pods: ${mb(filled)}, ${fmt((filled - idle) / Math.max(1, PODS) / 1024, 2)} KB per Pod over the idle nodes`,
  )
  const internals = sim as unknown as Internals
  if (MORE_PODS > PODS) {
    const before = estimate(internals.kernel)
    fill(sim, MORE_PODS)
    pastCompaction(sim, compactedRevision(sim))
    const more = heapBytes() - baseHeap
    console.log(
      `[memory] ${fmt(MORE_PODS)} Pods: ${mb(more)}; marginal ${fmt((more - filled) / (MORE_PODS - PODS) / 1024, 2)} KB per added Pod`,
    )
    printMarginal(before, estimate(internals.kernel))
  }
  const full = heapBytes()
  internals.traceLog.entries.length = 0
  internals.checkpoints.length = 0
  const live = heapBytes() - baseHeap
  console.log(
    `[memory] ${fmt(NODES)} nodes, ${fmt(ALL_PODS)} Pods: live heap ${mb(live)} ` +
      `(${perNode(live)}${perPod(live)}) without the trace and checkpoints (${mb(full - baseHeap - live)})`,
  )
  const parts = estimate(internals.kernel)
  printEstimate(parts)
  const named = [...parts.values()].reduce((sum, t) => sum + t.bytes, 0)
  // What no walk reaches: V8's code, feedback and hidden classes grown while running, closures'
  // captures (a memoised program's log lines), WeakMap side tables, and the estimate's own error.
  console.log(`[memory]   live heap no owner is named for: ${mb(live - named)}`)
  // MEMORY_DROP=kubelet,container-runtime,…: the measured heap of those kinds' fields (destructive).
  const dropKinds = process.env['MEMORY_DROP']?.split(',') ?? []
  if (dropKinds.length > 0)
    for (const line of freedByField(
      Object.values(internals.kernel.actors),
      dropKinds,
      SHOWN_BYTES,
      perPod,
    ))
      console.log(line)
}

measureMemory()

benchPrintedOnce('memory')
