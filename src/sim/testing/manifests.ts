import { stringify } from 'yaml'
import type { Pod } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Simulation } from '../simulation'

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
  return sim.snapshot().objects.filter((o) => o.kind === 'Pod') as unknown as Pod[]
}

export function runningPods(sim: Simulation): Pod[] {
  return podsOf(sim).filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)
}

/** Boots a cluster far enough that nodes are registered and informers synced. */
export const BOOT_MS = 3_000
