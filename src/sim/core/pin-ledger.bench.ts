import { withCheckpoint, type Checkpoint, type ShareBase } from '../checkpoint-policy'
import type { AnyActor } from '../cluster'
import type { KernelState } from '../runtime/kernel'
import { benchPrintedOnce, fmt } from '../testing/scale-bench-kit'
import { PinLedger } from './pin-ledger'
import { freezeShared } from './share-clone'

// The pin ledger's CPU (pin-ledger.ts) without a cluster: checkpoints of three etcd-like members
// sharing one stream of frozen Raft entries and KeyValues, PIN_BENCH_WRITES writes between two
// checkpoints, a snapshot (the log cut to its last 5,000 entries, the history compacted) every
// PIN_BENCH_SNAPSHOT_EVERY checkpoints; the same copies taken with and without the ledger, in
// turn, three times each: the least CPU-s of each is printed (the machine is shared).
//   npx vitest bench --run --disableConsoleIntercept src/sim/core/pin-ledger.bench.ts

declare const console: { log: (...args: unknown[]) => void }
declare const process: {
  env: Record<string, string | undefined>
  cpuUsage: () => { user: number; system: number }
}

const WRITES = Number(process.env['PIN_BENCH_WRITES'] ?? 10_000)
const CHECKPOINTS = Number(process.env['PIN_BENCH_CHECKPOINTS'] ?? 15)
const ROUNDS = 3
const SNAPSHOT_EVERY = Number(process.env['PIN_BENCH_SNAPSHOT_EVERY'] ?? 10)
const KEYS = 10_000
const KEPT_ENTRIES = 5_000

interface Member {
  kind: string
  log: object[]
  kv: Map<string, object>
  history: object[]
}
interface Toy {
  nowMs: number
  processedEvents: number
  actors: Record<string, Member>
}

function write(toy: Toy, revision: number): void {
  const key = `/registry/pods/default/web-${String(revision % KEYS).padStart(6, '0')}`
  const kv = freezeShared({
    key,
    createRevision: revision - (revision % KEYS),
    modRevision: revision,
    value: `{"kind":"Pod","metadata":{"name":"${key}","resourceVersion":"${String(revision)}"}}`,
  })
  const entry = freezeShared({ term: 2, index: revision, data: { ops: [kv], lease: 0 } })
  for (const m of Object.values(toy.actors)) {
    m.log.push(entry)
    m.kv.set(key, kv)
    m.history.push(kv)
  }
}

function snapshot(toy: Toy): void {
  for (const m of Object.values(toy.actors)) {
    m.log = m.log.slice(-KEPT_ENTRIES)
    m.history = m.history.slice(-KEYS)
  }
}

/** CPU-s of CHECKPOINTS checkpoints of a fresh toy, with or without the ledger. */
function run(pins: boolean): { cpuS: number; pinnedMb: number } {
  const member = (): Member => ({ kind: 'etcd', log: [], kv: new Map(), history: [] })
  const toy: Toy = {
    nowMs: 0,
    processedEvents: 0,
    actors: { 'etcd-0': member(), 'etcd-1': member(), 'etcd-2': member() },
  }
  let from: KernelState<AnyActor> | undefined
  const sharing: ShareBase = {
    ...(pins ? { pins: new PinLedger() } : {}),
    base: () => (from ? { from, changedGroups: 'all' } : undefined),
    since: (copy) => {
      from = copy
    },
  }
  let checkpoints: Checkpoint[] = []
  let revision = 1
  let micros = 0
  for (let i = 0; i < CHECKPOINTS; i++) {
    for (let w = 0; w < WRITES; w++) write(toy, revision++)
    if (i % SNAPSHOT_EVERY === SNAPSHOT_EVERY - 1) snapshot(toy)
    toy.nowMs = i * 5_000
    toy.processedEvents += 1e9
    const where = { atMs: toy.nowMs, traceLength: 0, actionCount: 0 }
    const before = process.cpuUsage()
    const kernel = toy as unknown as KernelState<AnyActor>
    checkpoints = withCheckpoint(checkpoints, kernel, where, sharing, 1e12)
    const after = process.cpuUsage()
    micros += after.user - before.user + after.system - before.system
  }
  const pinned = checkpoints.reduce((n, c) => n + (c.pinnedBytes ?? 0), 0)
  return { cpuS: micros / 1e6, pinnedMb: pinned / 2 ** 20 }
}

const least = (a: { cpuS: number; pinnedMb: number }, b: { cpuS: number; pinnedMb: number }) =>
  a.cpuS <= b.cpuS ? a : b
let without = run(false)
let withPins = run(true)
for (let r = 1; r < ROUNDS; r++) {
  without = least(without, run(false))
  withPins = least(withPins, run(true))
}
console.log(
  `[pin-ledger] ${fmt(CHECKPOINTS)} checkpoints, ${fmt(WRITES)} writes apart: ` +
    `${fmt(without.cpuS, 2)} CPU-s without the ledger, ${fmt(withPins.cpuS, 2)} with it ` +
    `(${fmt(withPins.pinnedMb, 1)} MB pinned)`,
)

benchPrintedOnce('pin-ledger')
