/**
 * Nodes and ReplicaSets for the golden tests and capture.mts.
 */
import type { Node } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { DAY, HOUR, MINUTE, SECOND, ago, container, web } from './pod-fixtures'

interface NodeInput {
  name: string
  ready?: 'True' | 'False' | 'Unknown'
  unschedulable?: boolean
  labels?: Record<string, string>
  ip: string
  createdAgoMs: number
}

function node(input: NodeInput): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      uid: `uid-${input.name}`,
      creationTimestamp: ago(input.createdAgoMs),
      labels: { 'kubernetes.io/hostname': input.name, ...input.labels },
    },
    spec: input.unschedulable ? { unschedulable: true } : {},
    status: {
      ...(input.ready ? { conditions: [{ type: 'Ready', status: input.ready }] } : {}),
      addresses: [
        { type: 'InternalIP', address: input.ip },
        { type: 'Hostname', address: input.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-1015-gcp',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.32.4',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: '',
      },
    },
  }
}

/** Ready control plane, Ready worker, cordoned NotReady worker, a node that never reported. */
export function makeNodes(): Node[] {
  const controlPlane = { 'node-role.kubernetes.io/control-plane': '' }
  const nodes = [
    node({
      name: 'control-plane',
      ready: 'True',
      labels: controlPlane,
      ip: '172.18.0.2',
      createdAgoMs: 10 * DAY,
    }),
    node({ name: 'node-1', ready: 'True', ip: '172.18.0.3', createdAgoMs: 10 * DAY - 30 * SECOND }),
    node({
      name: 'node-2',
      ready: 'Unknown',
      unschedulable: true,
      ip: '172.18.0.4',
      createdAgoMs: 3 * HOUR,
    }),
    node({
      name: 'node-3',
      labels: { 'kubernetes.io/role': 'worker' },
      ip: '172.18.0.5',
      createdAgoMs: 70 * SECOND,
    }),
  ]
  const external = nodes[1]?.status?.addresses
  external?.push({ type: 'ExternalIP', address: '34.1.2.3' })
  return nodes
}

/** ReplicaSets with matchLabels, matchExpressions and two containers. */
export function makeReplicaSets(): ReplicaSet[] {
  const rs = (name: string, replicas: number, ready: number, createdAgoMs: number): ReplicaSet => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: ago(createdAgoMs),
      labels: web,
    },
    spec: {
      replicas,
      selector: { matchLabels: web },
      template: { metadata: { labels: web }, spec: { containers: [container('app')] } },
    },
    status: { replicas, readyReplicas: ready, availableReplicas: ready },
  })
  const current = rs('web-7d4b9c8f6d', 3, 2, 2 * DAY + 5 * HOUR)
  let old = rs('web-5c98d7b4f9', 0, 0, 9 * DAY)
  old = { ...old, status: { replicas: 0 } }
  const mixed = rs('api-66b6c48dd5', 2, 2, 25 * MINUTE)
  mixed.spec = {
    replicas: 2,
    selector: {
      matchLabels: { app: 'api' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'backend'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    },
    template: {
      spec: { containers: [container('api', 'example/api:2.1'), container('proxy', 'envoy:1.31')] },
    },
  }
  return [mixed, current, old]
}
