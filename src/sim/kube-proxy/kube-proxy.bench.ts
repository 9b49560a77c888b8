import { bench, describe } from 'vitest'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { makeReplicaSetManifest, runningPods } from '../testing/manifests'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }

type Synced = Extract<SimEvent, { type: 'KubeProxySynced' }>

const servicesManifest = (count: number): string =>
  Array.from(
    { length: count },
    (_, i) => `apiVersion: v1
kind: Service
metadata: {name: svc-${i}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80}]
`,
  ).join('---\n')

/** A cluster of `nodes` nodes running `services` Services of `replicas` Pods each. */
function cluster(nodes: number, services: number, replicas: number): Simulation {
  const sim = createSimulation({ seed: 1, nodes })
  sim.advance(5_000)
  sim.kubectl('apply -f -', servicesManifest(services))
  for (let i = 0; i < services; i++)
    sim.kubectl('apply -f -', makeReplicaSetManifest(`app-${i}`, replicas))
  const pods = services * replicas
  while (runningPods(sim).length < pods && sim.nowMs < 900_000) sim.advance(2_000)
  sim.advance(5_000)
  return sim
}

function syncsSince(sim: Simulation, from: number): Synced[] {
  return sim.trace.slice(from).filter((e): e is Synced => e.type === 'KubeProxySynced')
}

// Figures, printed once: what one endpoint change costs every node's kube-proxy, and what
// rendering one node's rules for the view costs.
function measure(nodes: number, services: number, replicas: number): void {
  const setupStart = performance.now()
  const sim = cluster(nodes, services, replicas)
  const setupS = (performance.now() - setupStart) / 1000

  // The same 15 virtual seconds with nothing changing (heartbeats, resyncs, checkpoints).
  const idleFrom = performance.now()
  const idleEvents = sim.processedEvents
  sim.advance(15_000)
  const idleMs = performance.now() - idleFrom
  const idleCount = sim.processedEvents - idleEvents

  // One Pod deleted: its endpoint leaves a slice, the ReplicaSet replaces it, the new one joins.
  const victim = runningPods(sim)[0]?.metadata?.name ?? ''
  const traceFrom = sim.trace.length
  const eventsFrom = sim.processedEvents
  const wallFrom = performance.now()
  sim.kubectl(`delete pod ${victim}`)
  sim.advance(15_000)
  const churnMs = performance.now() - wallFrom
  const syncs = syncsSince(sim, traceFrom)
  const partial = syncs.filter((s) => !s.full)
  const touched = Math.max(...partial.map((s) => s.services.length), 0)

  const renderFrom = performance.now()
  const rules = sim.kubeProxyRules('node-1')
  const renderMs = performance.now() - renderFrom
  const natLines = rules?.nat.split('\n').length ?? 0

  console.log(
    `[kube-proxy] ${nodes} nodes, ${services} Services × ${replicas} endpoints (setup ${setupS.toFixed(1)} s): ` +
      `one Pod replaced → ${syncs.length} syncs (${partial.length} partial, at most ${touched} Service(s) each), ` +
      `${(sim.processedEvents - eventsFrom).toLocaleString('en')} events, ${churnMs.toFixed(0)} ms wall ` +
      `(idle 15 s: ${idleCount.toLocaleString('en')} events, ${idleMs.toFixed(0)} ms); ` +
      `node-1's iptables-save -t nat (${natLines} lines) rendered in ${renderMs.toFixed(1)} ms`,
  )
}

measure(20, 20, 5)
measure(100, 50, 4)

describe('kube-proxy', () => {
  const sim = cluster(10, 30, 5)
  bench(
    'render one node’s iptables-save -t nat and ipvsadm -Ln (30 Services × 5 endpoints)',
    () => {
      sim.kubeProxyRules('node-1')
    },
  )
})
