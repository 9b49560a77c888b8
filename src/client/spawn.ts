import type { HostEndpoint } from './sim-client'

/** A real Web Worker running the simulation host. */
export function spawnWorker(): HostEndpoint {
  return new Worker(new URL('../worker/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kcv-sim',
  })
}
