import { stringify } from 'yaml'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Simulation } from '../simulation'

export { NGINX_DEPLOYMENT_YAML } from '../model/docs-examples'

/** A fluent Pod manifest builder for tests: makePodManifest('web').image('nginx:1.27').yaml(). */
export function makePodManifest(name: string) {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  }
  const container = () => pod.spec?.containers[0] ?? { name: 'web' }
  const builder = {
    image(image: string) {
      container().image = image
      return builder
    },
    req(requests: Record<string, string>) {
      container().resources = { requests }
      return builder
    },
    obj: () => pod,
    yaml: () => stringify(pod),
  }
  return builder
}

/** A ReplicaSet manifest with `app: <name>` labels. */
export function makeReplicaSetManifest(
  name: string,
  replicas: number,
  image = 'nginx:1.27',
): string {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'web', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } },
          ],
        },
      },
    },
  }
  return stringify(rs)
}

/** Pods in etcd right now. */
export function podsOf(sim: Simulation): Pod[] {
  return sim.snapshot('/registry/pods/').objects as unknown as Pod[]
}

export function runningPods(sim: Simulation): Pod[] {
  return podsOf(sim).filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
}

/** Boots a cluster far enough that nodes are registered and informers synced. */
export const BOOT_MS = 3_000

/** A Deployment manifest with `app: <name>` labels and an optional rolling-update strategy. */
export function makeDeploymentManifest(
  name: string,
  replicas: number,
  image = 'nginx:1.27',
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string },
): string {
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(rollingUpdate ? { strategy: { type: 'RollingUpdate', rollingUpdate } } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'web', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } },
          ],
        },
      },
    },
  }
  return stringify(deployment)
}

/** https://kubernetes.io/examples/controllers/job.yaml (the pi Job). */
export const PI_JOB_YAML = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`
