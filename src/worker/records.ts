import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Event } from 'kubernetes-types/core/v1'
import {
  nodeStatus,
  quantityText,
  rfc3339ToSimTime,
  summarizePod,
  type KubeObject,
} from '../sim/index'
import type { ObjectRecord } from '../protocol/records'
import { workloadRecord } from './service-records'

const createdMs = (o: KubeObject): number =>
  rfc3339ToSimTime(o.metadata?.creationTimestamp ?? '') ?? 0

// Labels the kubelet sets on every node (kubelet_node_status.go, v1.32): not news to anyone.
const WELL_KNOWN_LABEL = /^(beta\.)?kubernetes\.io\/(arch|os|hostname)$/

function userLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !WELL_KNOWN_LABEL.test(k)))
}

/** Projects a stored API object into the compact record the UI needs, or undefined to skip it. */
export function toRecord(key: string, object: KubeObject): ObjectRecord | undefined {
  const name = object.metadata?.name ?? ''
  const namespace = object.metadata?.namespace ?? ''
  switch (object.kind) {
    case 'Pod': {
      const pod = object as unknown as Pod
      const summary = summarizePod(pod)
      return {
        kind: 'Pod',
        key,
        uid: object.metadata?.uid ?? '',
        name,
        namespace,
        node: pod.spec?.nodeName ?? '',
        phase: pod.status?.phase ?? 'Pending',
        status: summary.reason,
        ready: `${summary.readyContainers}/${summary.totalContainers}`,
        restarts: summary.restarts,
        ip: pod.status?.podIP ?? '',
        createdMs: createdMs(object),
        owner: pod.metadata?.ownerReferences?.find((r) => r.controller)?.name ?? '',
        containers: (pod.spec?.containers ?? []).map((c) => c.name),
      }
    }
    case 'Node': {
      const node = object as unknown as Node
      const allocatable = node.status?.allocatable ?? {}
      const capacity = node.status?.capacity ?? {}
      return {
        kind: 'Node',
        key,
        name,
        status: nodeStatus(node),
        cpu: quantityText(allocatable['cpu']),
        memory: quantityText(allocatable['memory']),
        pods: quantityText(allocatable['pods']),
        capacity: {
          cpu: quantityText(capacity['cpu']),
          memory: quantityText(capacity['memory']),
          pods: quantityText(capacity['pods']),
        },
        unschedulable: node.spec?.unschedulable === true,
        taints: (node.spec?.taints ?? []).map(
          (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
        ),
        labels: userLabels(node.metadata?.labels),
        createdMs: createdMs(object),
      }
    }
    case 'ReplicaSet': {
      const rs = object as unknown as ReplicaSet
      return {
        kind: 'ReplicaSet',
        key,
        name,
        namespace,
        desired: rs.spec?.replicas ?? 1,
        current: rs.status?.replicas ?? 0,
        ready: rs.status?.readyReplicas ?? 0,
        createdMs: createdMs(object),
      }
    }
    case 'Event': {
      const event = object as unknown as Event
      const involved = event.involvedObject
      return {
        kind: 'Event',
        key,
        type: event.type ?? 'Normal',
        reason: event.reason ?? '',
        object: `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
        message: event.message ?? '',
        source: event.source?.component ?? '',
        lastMs: rfc3339ToSimTime(event.lastTimestamp ?? '') ?? 0,
      }
    }
    default:
      return controllerRecord(key, object) ?? workloadRecord(key, object)
  }
}

/** Deployments, and the kube-system Leases leaders hold (node Leases are left out: too many). */
function controllerRecord(key: string, object: KubeObject): ObjectRecord | undefined {
  const name = object.metadata?.name ?? ''
  const namespace = object.metadata?.namespace ?? ''
  if (object.kind === 'Deployment') {
    const d = object as unknown as Deployment
    return {
      kind: 'Deployment',
      key,
      name,
      namespace,
      desired: d.spec?.replicas ?? 1,
      updated: d.status?.updatedReplicas ?? 0,
      ready: d.status?.readyReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      revision: d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '',
      paused: d.spec?.paused === true,
      progress: d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason ?? '',
      image: d.spec?.template.spec?.containers[0]?.image ?? '',
    }
  }
  if (object.kind === 'Lease' && namespace === 'kube-system') {
    const lease = object as unknown as Lease
    return {
      kind: 'Lease',
      key,
      name,
      namespace,
      holder: lease.spec?.holderIdentity ?? '',
      renewMs: rfc3339ToSimTime(lease.spec?.renewTime ?? '') ?? 0,
      acquireMs: rfc3339ToSimTime(lease.spec?.acquireTime ?? '') ?? 0,
      transitions: lease.spec?.leaseTransitions ?? 0,
    }
  }
  return undefined
}
