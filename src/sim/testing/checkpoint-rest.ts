import { COPIED_OBJECT_BYTES, type Checkpoint } from '../checkpoint-policy'
import { HeapWalker } from '../heap-walk'
import type { Simulation } from '../simulation'
import { fmt, heapBytes } from './scale-bench-kit'

// The sim's lib has no host globals: a benchmark reads the host's CPU time on purpose.
declare const process: { cpuUsage: () => { user: number; system: number } }

interface Internals {
  checkpoints: Checkpoint[]
  kernel: unknown
  takeCheckpoint: (atMs: number) => void
}

/** CPU-s spent at checkpoint boundaries, and checkpoints taken, since this call (not the t = 0 one). */
export function timeCheckpoints(sim: Simulation): { cpuS: () => number; taken: () => number } {
  const inside = sim as unknown as Internals
  const take = inside.takeCheckpoint.bind(sim)
  let micros = 0
  let taken = 0
  inside.takeCheckpoint = (atMs) => {
    const newest = inside.checkpoints[inside.checkpoints.length - 1]
    const before = process.cpuUsage()
    take(atMs)
    const after = process.cpuUsage()
    micros += after.user - before.user + after.system - before.system
    if (inside.checkpoints[inside.checkpoints.length - 1] !== newest) taken++
  }
  return { cpuS: () => micros / 1e6, taken: () => taken }
}

/**
 * What the kept checkpoints keep alive beyond the live state (heap-walk.ts's estimate: the live
 * kernel is walked first, so each checkpoint counts only what the live state no longer reaches),
 * and what the checkpoint budget counts for them: one line for the bench to print.
 */
export function restPoint(sim: Simulation, cpu: ReturnType<typeof timeCheckpoints>): string {
  const inside = sim as unknown as Internals
  const walker = new HeapWalker()
  const live = walker.walk(inside.kernel).bytes
  let retained = 0
  let copies = 0
  for (const c of inside.checkpoints) {
    const own = walker.walk(c.kernel)
    retained += own.bytes
    copies += own.mutableBytes
  }
  const sum = (f: (c: Checkpoint) => number) => inside.checkpoints.reduce((n, c) => n + f(c), 0)
  const objects = sum((c) => c.copiedObjects)
  const pinned = sum((c) => c.pinnedBytes ?? NaN)
  const mb = (b: number) => fmt(b / 1024 / 1024)
  return (
    `[rest] at ${fmt(sim.nowMs / 1000)} s: heap ${mb(heapBytes())} MB; live state ${mb(live)} MB; ` +
    `${fmt(inside.checkpoints.length)} checkpoints keep ${mb(retained)} MB more, ` +
    `${mb(copies)} of it copies, the rest frozen values and strings (heap-walk); budget: ` +
    `${fmt(objects)} copied objects (${mb(objects * COPIED_OBJECT_BYTES)} MB) + ` +
    `${mb(pinned)} MB pinned; ${fmt(cpu.taken())} checkpoints taken took ${fmt(cpu.cpuS(), 1)} CPU-s`
  )
}
