/**
 * Figures for the Raft core, printed, never asserted (STYLE.md §C6):
 *   npx vitest bench --run src/sim/etcd/raft
 */
import fc from 'fast-check'
import { bench, describe } from 'vitest'
import { deliverAll, leaders, makeNetwork, proposeAt, raftOf, run } from './testing/network'
import { runSchedule } from './testing/schedule'
import { scheduleArb } from './testing/schedule-arb'

// etcd's default --heartbeat-interval = 100 ms per tick: server/embed/config.go (etcd v3.5)
const MS_PER_TICK = 100
const ONCE = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 }

// src/sim compiles against ES2023 only; benches run in Node, where these exist.
declare const console: { log: (...args: unknown[]) => void }
declare const process: { hrtime: { bigint: () => bigint } }

/** vitest may call a bench body more than once; the figures are computed and printed once. */
const done = new Set<string>()
function once(name: string, fn: () => void): () => void {
  return () => {
    if (done.has(name)) return
    done.add(name)
    fn()
  }
}

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

function throughput(size: number): string {
  const net = makeNetwork(size, {}, 1)
  run(net, 40)
  const leader = leaders(net)[0]?.id as string
  const proposals = 20_000
  const before = raftOf(net, leader).log.committed
  const s = seconds(() => {
    for (let i = 0; i < proposals; i += 10) {
      for (let j = 0; j < 10; j++) proposeAt(net, leader, `v${i + j}`)
      deliverAll(net)
    }
  })
  const committed = raftOf(net, leader).log.committed - before
  return `${size} members: ${committed} proposals committed in ${s.toFixed(2)} s = ${Math.round(committed / s)} committed proposals per wall-second`
}

function electionTimes(size: number): string {
  const ticks: number[] = []
  for (let seed = 1; seed <= 500; seed++) {
    const net = makeNetwork(size, {}, seed)
    let t = 0
    while (leaders(net).length === 0 && t < 1000) {
      run(net, 1)
      t++
    }
    ticks.push(t)
  }
  ticks.sort((a, b) => a - b)
  const at = (q: number) => ticks[Math.min(ticks.length - 1, Math.floor(q * ticks.length))] ?? 0
  const fmt = (t: number) => `${t} ticks (${t * MS_PER_TICK} ms)`
  return `${size} members, first election over 500 seeds: median ${fmt(at(0.5))}, p90 ${fmt(at(0.9))}, max ${fmt(at(1))}`
}

function longPropertyRun(numRuns: number): string {
  let steps = 0
  const s = seconds(() => {
    const result = fc.check(
      fc.property(scheduleArb, (sched) => {
        steps += sched.cmds.length
        runSchedule(sched)
      }),
      { numRuns },
    )
    if (result.failed) {
      console.log(`PROPERTY FAILED: seed ${result.seed}, path ${result.counterexamplePath ?? ''}`)
      console.log(String(result.errorInstance))
    } else {
      console.log(`property run: ${result.numRuns} random schedules passed`)
    }
  })
  return `${numRuns} schedules, ${steps} commands, every invariant checked after each: ${s.toFixed(1)} s`
}

describe('raft core figures', () => {
  bench(
    'throughput (3 and 5 members)',
    once('throughput', () => {
      console.log(throughput(3))
      console.log(throughput(5))
    }),
    ONCE,
  )
  bench(
    'virtual time to elect a leader (electionTick 10, heartbeatTick 1)',
    once('election', () => {
      console.log(electionTimes(3))
      console.log(electionTimes(5))
    }),
    ONCE,
  )
  bench(
    'long property run (20,000 schedules)',
    once('property', () => {
      console.log(longPropertyRun(20_000))
    }),
    ONCE,
  )
})
