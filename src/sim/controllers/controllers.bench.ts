import { bench, describe } from 'vitest'
import type { Deployment } from 'kubernetes-types/apps/v1'
import { createSimulation, type Simulation } from '../simulation'
import { makeDeploymentManifest } from '../testing/manifests'
import { StoreMirror } from '../testing/store-mirror'
import type { ControllerManagerState } from './controller-manager-state'
import { queuesOf } from './controller-manager-handlers'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }

const NODES = 100
const DEPLOYMENTS = 30
const REPLICAS = 100
// node-monitor-period 5 s: each pass checks every node's health (Lease, conditions).
const MONITOR_PERIOD_S = 5
// Headless: no seeking back, so no whole-cluster checkpoints every 5 s (the UI's cost, not the
// controllers').
const NO_CHECKPOINTS = 24 * 3_600_000

/** Work items the leader's controllers have taken off their queues (one reconcile each). */
function reconciles(sim: Simulation): number {
  const kernel = (sim as unknown as { kernel: { actors: Record<string, unknown> } }).kernel
  const kcm = kernel.actors['kube-controller-manager'] as ControllerManagerState
  return Object.values(queuesOf(kcm)).reduce((n, q) => n + q.processed, 0)
}

interface Phase {
  name: string
  wallS: number
  virtualS: number
  events: number
  reconciles: number
}

/** Advances in 1 s steps until `done` (read from the store's change feed, outside the timing). */
function phase(sim: Simulation, name: string, done: () => boolean, maxS: number): Phase {
  const start = { events: sim.processedEvents, virtual: sim.nowMs, reconciles: reconciles(sim) }
  let wall = 0
  for (let s = 0; s < maxS && !done(); s++) {
    const t0 = performance.now()
    sim.advance(1_000)
    wall += performance.now() - t0
  }
  return {
    name,
    wallS: wall / 1000,
    virtualS: (sim.nowMs - start.virtual) / 1000,
    events: sim.processedEvents - start.events,
    reconciles: reconciles(sim) - start.reconciles,
  }
}

function report(p: Phase): void {
  const health = Math.round((p.virtualS / MONITOR_PERIOD_S) * NODES)
  console.log(
    `[controllers] ${p.name}: ${p.virtualS.toFixed(0)} virtual s in ${p.wallS.toFixed(2)} wall s; ` +
      `${p.reconciles.toLocaleString('en')} workqueue reconciles + ${health.toLocaleString('en')} node health checks = ` +
      `${Math.round((p.reconciles + health) / p.wallS).toLocaleString('en')} reconciliation events/wall-s; ` +
      `${Math.round(p.events / p.wallS).toLocaleString('en')} sim events/wall-s`,
  )
}

function measure(): void {
  const sim = createSimulation({ seed: 1, nodes: NODES, checkpointIntervalMs: NO_CHECKPOINTS })
  sim.advance(5_000)
  const mirror = new StoreMirror(sim)
  const deployments = () => mirror.ofKind('Deployment') as Deployment[]
  const settled = (image: string) => () =>
    mirror.sync() &&
    deployments().length === DEPLOYMENTS &&
    deployments().every(
      (d) =>
        d.status?.updatedReplicas === REPLICAS &&
        d.status.availableReplicas === REPLICAS &&
        d.status.replicas === REPLICAS &&
        d.spec?.template.spec?.containers[0]?.image === image,
    )
  const manifests = Array.from({ length: DEPLOYMENTS }, (_, i) =>
    makeDeploymentManifest(`app-${i}`, REPLICAS),
  ).join('---\n')
  sim.kubectl('apply -f -', manifests)
  report(
    phase(
      sim,
      `create ${DEPLOYMENTS} Deployments x ${REPLICAS} on ${NODES} nodes`,
      settled('nginx:1.27'),
      600,
    ),
  )
  report(phase(sim, 'steady state, heartbeats only (60 s)', () => false, 60))
  for (let i = 0; i < DEPLOYMENTS; i++) sim.kubectl(`set image deployment/app-${i} web=nginx:1.28`)
  report(
    phase(
      sim,
      `roll all ${DEPLOYMENTS * REPLICAS} Pods to a new image`,
      settled('nginx:1.28'),
      900,
    ),
  )
}

measure()

describe('controllers', () => {
  bench(
    `${NODES} nodes, heartbeats and ${DEPLOYMENTS * REPLICAS} Pods: 30 virtual seconds`,
    () => {
      const sim = createSimulation({ seed: 2, nodes: NODES, checkpointIntervalMs: NO_CHECKPOINTS })
      sim.advance(5_000)
      sim.kubectl(
        'apply -f -',
        Array.from({ length: DEPLOYMENTS }, (_, i) =>
          makeDeploymentManifest(`app-${i}`, REPLICAS),
        ).join('---\n'),
      )
      sim.advance(30_000)
    },
    { iterations: 2, warmupIterations: 0 },
  )
})
