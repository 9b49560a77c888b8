import type { SimAction, Simulation } from '../sim/index'

// Replicas per Deployment: 150 Deployments make Kubernetes' 150,000-Pod limit (the "Considerations
// for large clusters" page: no more than 150,000 total Pods, 5,000 nodes; v1.32 docs).
export const SCALE_DEPLOYMENT_REPLICAS = 1_000
// Virtual time between two Deployments at least: the cluster fills over time, not in one burst.
const SCALE_STEP_MS = 2_000
const COMMAND_PREFIX = 'scale-'

/** A small Pod (the pause image, 10m CPU, 16 MiB): 30 per node fill 5,000 nodes to 150,000. */
export function scaleDeployment(index: number, replicas: number): string {
  const name = `scale-${String(index)}`
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${String(replicas)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`
}

/**
 * Scale mode's workload: Deployments of up to 1,000 replicas, added one at a time (at least
 * SCALE_STEP_MS of virtual time apart, and only once the Pods asked for so far exist) until
 * they add up to the Pods asked for. Each is a recorded `kubectl apply`, so a crash's replay,
 * a shared link and a seek see the same history. What exists is read from the action log, so
 * the driver holds no state a replay could lose.
 */
export class ScaleDriver {
  private readonly podsAsked: number

  constructor(podsAsked: number) {
    this.podsAsked = podsAsked
  }

  /** The next Deployment, when one is due now; undefined otherwise. */
  next(sim: Simulation, podsExisting: number): SimAction | undefined {
    let made = 0
    let lastAtMs = -Infinity
    for (const entry of sim.actions) {
      const action = entry.action
      if (action.type !== 'runKubectl' || !action.commandId.startsWith(COMMAND_PREFIX)) continue
      made++
      lastAtMs = entry.atMs
    }
    const asked = Math.min(this.podsAsked, made * SCALE_DEPLOYMENT_REPLICAS)
    if (asked >= this.podsAsked) return undefined
    if (sim.nowMs < lastAtMs + SCALE_STEP_MS || podsExisting < asked) return undefined
    const replicas = Math.min(SCALE_DEPLOYMENT_REPLICAS, this.podsAsked - asked)
    return {
      type: 'runKubectl',
      commandId: `${COMMAND_PREFIX}${String(made + 1)}`,
      command: 'apply -f -',
      stdin: scaleDeployment(made + 1, replicas),
    }
  }
}
