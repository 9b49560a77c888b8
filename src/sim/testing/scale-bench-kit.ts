import { bench, describe } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makeDeploymentManifest } from './manifests'

// What the scale and memory benches share. The sim's lib has no host globals; a benchmark
// measures with the host's heap on purpose.
declare const process: { memoryUsage: () => { heapUsed: number } }
declare const globalThis: { gc?: () => void }

/** A figure for the printed tables: thousands separated, `digits` decimals. */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** Live heap after two collections (needs `node --expose-gc`; without it, garbage counts too). */
export function heapBytes(): number {
  globalThis.gc?.()
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

/** Applies Deployments web-0, web-1… of at most `perDeployment` small Pods, `pods` in all. */
export function applyDeployments(sim: Simulation, pods: number, perDeployment: number): void {
  for (let i = 0; i * perDeployment < pods; i++) {
    const replicas = Math.min(perDeployment, pods - i * perDeployment)
    sim.kubectl('apply -f -', makeDeploymentManifest(`web-${String(i)}`, replicas))
  }
}

/** The bench entry of a file whose figures are printed once at load: vitest needs one. */
export function benchPrintedOnce(suite: string): void {
  describe(suite, () => {
    bench(
      'the figures above are printed once (this entry only times a 3-node boot)',
      () => {
        createSimulation({ seed: 3, nodes: 3 }).advance(BOOT_MS)
      },
      { iterations: 1 },
    )
  })
}
