import { bench, describe } from 'vitest'
import { createSimulation } from './simulation'
import { makeReplicaSetManifest, runningPods } from './testing/manifests'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }

// Figures, printed once: a 3-node cluster running a 100-replica ReplicaSet from apply to all
// Running, headless. Wall time is the host's; virtual time is the simulation's.
function measureReplicaSet(replicas: number): void {
  const sim = createSimulation({ seed: 1, nodes: 3 })
  sim.advance(3_000)
  const startWall = performance.now()
  const startEvents = sim.processedEvents
  const startVirtual = sim.nowMs
  sim.kubectl('apply -f -', makeReplicaSetManifest('web', replicas))
  // Check for completion every virtual second: decoding every stored Pod is the test's cost, not the simulation's.
  let done = false
  while (!done && sim.nowMs < 600_000) {
    sim.advance(1_000)
    done = runningPods(sim).length === replicas
  }
  sim.advance(10_000)
  const wallS = (performance.now() - startWall) / 1000
  const events = sim.processedEvents - startEvents
  const virtualS = (sim.nowMs - startVirtual) / 1000
  console.log(
    `[sim] ${replicas}-replica ReplicaSet on 3 nodes: ${done ? 'all Running' : 'NOT all running'} at t=${(sim.nowMs / 1000).toFixed(1)}s; ` +
      `${events} events in ${wallS.toFixed(3)} s wall = ${Math.round(events / wallS).toLocaleString('en')} events/s; ` +
      `${(virtualS / wallS).toFixed(1)} virtual-s per wall-s; trace ${sim.trace.length} entries`,
  )
}

measureReplicaSet(100)

describe('simulation', () => {
  bench(
    'boot a 3-node cluster and run a 100-replica ReplicaSet to Running',
    () => {
      const sim = createSimulation({ seed: 2, nodes: 3 })
      sim.advance(3_000)
      sim.kubectl('apply -f -', makeReplicaSetManifest('web', 100))
      while (runningPods(sim).length < 100 && sim.nowMs < 600_000) sim.advance(1_000)
    },
    { iterations: 5, warmupIterations: 1 },
  )
})
