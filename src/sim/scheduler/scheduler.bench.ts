/**
 * Figures for the scheduling cycle, printed, never asserted (STYLE.md §C6):
 *   npx vitest bench --run src/sim/scheduler
 * Each cluster has ~30 pods already placed per node; every measured pod runs a full cycle with the
 * default profile and is then assumed into the cache, as the actor does.
 */
import { bench, describe } from 'vitest'
import { createRng } from '../core/rng'
import { addNode, addPod, assumePod, createSchedulerCache, type SchedulerCache } from './cache'
import { runSchedulingCycle } from './cycle'
import { makeNode, makePod } from './testing/builders'

// src/sim type-checks without Node or DOM globals; the bench runs in Node, so it declares the two
// it uses for itself (module-scoped, so nothing leaks into the sim's program).
declare const process: { hrtime: { bigint: () => bigint } }
declare const console: { log: (...args: unknown[]) => void }

const ONCE = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 }
const PODS_PER_NODE = 30

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

function cluster(numNodes: number): SchedulerCache {
  const cache = createSchedulerCache()
  for (let i = 0; i < numNodes; i++) {
    addNode(
      cache,
      makeNode(`node-${i}`)
        .capacity({ cpu: '64', memory: '256Gi', pods: 110 })
        .label('topology.kubernetes.io/zone', `zone-${i % 3}`)
        .images({ [`registry/app-${i % 7}:v1`]: 300 * 1024 * 1024 })
        .obj(),
    )
  }
  for (let i = 0; i < numNodes * PODS_PER_NODE; i++) {
    const cpu = 100 + ((i * 37) % 900)
    addPod(
      cache,
      makePod(`existing-${i}`)
        .req({ cpu: `${cpu}m`, memory: `${(i % 8) + 1}00Mi` })
        .node(`node-${i % numNodes}`)
        .obj(),
    )
  }
  return cache
}

function podsPerSecond(numNodes: number, pods: number): string {
  const cache = cluster(numNodes)
  const rng = createRng(numNodes)
  const incoming = Array.from({ length: pods }, (_, i) =>
    makePod(`new-${i}`)
      .req({ cpu: '250m', memory: '512Mi' }, `registry/app-${i % 7}:v1`)
      .obj(),
  )
  let start = 0
  let scheduled = 0
  let evaluated = 0
  const s = seconds(() => {
    for (const pod of incoming) {
      const rec = runSchedulingCycle({ pod, cache, rng, nextStartNodeIndex: start })
      start = rec.nextStartNodeIndex
      evaluated += rec.evaluatedNodes.length
      if (rec.selectedNode) {
        assumePod(cache, pod, rec.selectedNode)
        scheduled++
      }
    }
  })
  return (
    `${numNodes} nodes, ${numNodes * PODS_PER_NODE} pods placed: ${scheduled} pods scheduled in ${s.toFixed(2)} s = ` +
    `${Math.round(scheduled / s)} pods per wall-second (${Math.round(evaluated / pods)} nodes filtered per cycle)`
  )
}

describe('scheduling cycle throughput', () => {
  for (const [nodes, pods] of [
    [100, 2000],
    [1000, 1000],
    [5000, 500],
  ] as const) {
    bench(
      `${nodes} nodes`,
      () => {
        console.log(podsPerSecond(nodes, pods))
      },
      ONCE,
    )
  }
})
