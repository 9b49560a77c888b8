/**
 * The DaemonSet controller, reduced to what kube-proxy's DaemonSet needs: one pod per eligible
 * node, pinned there with node affinity on metadata.name (the default scheduler binds it), with
 * the tolerations every daemon pod gets, and the DaemonSet's status counts.
 * Source: pkg/controller/daemon/daemon_controller.go (syncDaemonSet, manage, podsShouldBeOnNode),
 * pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity) (v1.32).
 * NB: no rolling update of daemon pods (a template change affects new pods only), no
 * ControllerRevisions.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1'
import { objectKey, sameValue, type KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi, type ApiClientState } from '../../runtime/api-client'
import { recordBroadcastEvent, type EventBroadcasterOwner } from '../../runtime/event-correlator'
import { byIndex, type InformerChange, type InformerState } from '../../runtime/informer'
import { findMatchingUntoleratedTaint } from '../../scheduler/util/tolerations'
import { newControllerRef } from '../pod-template'
import { createWorkQueue, enqueue, forget, requeueRateLimited, type WorkQueue } from '../workqueue'

export interface DaemonSetControllerState extends EventBroadcasterOwner {
  queue: WorkQueue
  inFlight: Record<string, number>
  /** DaemonSets with a create that failed among those in flight: their sync failed. */
  failedCreates?: Record<string, true>
}

export function createDaemonSetControllerState(): DaemonSetControllerState {
  return { queue: createWorkQueue('daemonset'), inFlight: {} }
}

export interface DaemonSetHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  daemonSets: DaemonSetControllerState
}

const SOURCE = { component: 'daemonset-controller' }

// AddOrUpdateDaemonPodTolerations: daemon pods stay through node trouble and cordons.
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
]

function withDaemonTolerations(
  tolerations: readonly Toleration[] | undefined,
  hostNetwork: boolean,
): Toleration[] {
  const out = [...(tolerations ?? [])]
  const extra = hostNetwork
    ? [
        ...DAEMON_TOLERATIONS,
        { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
      ]
    : DAEMON_TOLERATIONS
  for (const t of extra) if (!out.some((o) => o.key === t.key && o.effect === t.effect)) out.push(t)
  return out
}

function ownerDaemonSetKey(object: KubeObject | undefined): string | undefined {
  const ref = object?.metadata?.ownerReferences?.find(
    (r) => r.controller === true && r.kind === 'DaemonSet',
  )
  return ref ? `${object?.metadata?.namespace ?? ''}/${ref.name}` : undefined
}

export function onDaemonSetChange(
  ctx: ActorContext,
  host: DaemonSetHost,
  informer: string,
  change: InformerChange,
): void {
  const queue = host.daemonSets.queue
  if (informer === 'daemonsets' && change.type !== 'DELETED')
    enqueue(ctx, queue, objectKey(change.object))
  else if (informer === 'pods') {
    const key = ownerDaemonSetKey(change.object)
    if (key !== undefined) enqueue(ctx, queue, key)
  } else if (informer === 'nodes' && change.type !== 'MODIFIED') {
    for (const ds of host.informers['daemonsets']?.items.values() ?? [])
      enqueue(ctx, queue, objectKey(ds))
  }
}

/** nodeShouldRunDaemonPod: the node matches the selector and taints allow the daemon pod. */
function shouldRun(ds: DaemonSet, node: Node): boolean {
  const selector = ds.spec?.template.spec?.nodeSelector ?? {}
  if (!Object.entries(selector).every(([k, v]) => node.metadata?.labels?.[k] === v)) return false
  const tolerations = withDaemonTolerations(
    ds.spec?.template.spec?.tolerations,
    ds.spec?.template.spec?.hostNetwork === true,
  )
  return (
    findMatchingUntoleratedTaint(
      node.spec?.taints,
      tolerations,
      (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    ) === undefined
  )
}

function daemonPod(ds: DaemonSet, node: string): KubeObject {
  const template = ds.spec?.template
  const spec = template?.spec
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata?.name ?? ''}-`,
      namespace: ds.metadata?.namespace ?? 'default',
      labels: { ...template?.metadata?.labels },
      ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
    },
    spec: {
      ...spec,
      containers: spec?.containers ?? [],
      tolerations: withDaemonTolerations(spec?.tolerations, spec?.hostNetwork === true),
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
            ],
          },
        },
      },
    },
  }
}

const targetNode = (pod: Pod): string =>
  pod.spec?.nodeName ??
  pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0] ??
  ''

/** syncDaemonSet: a pod for every eligible node that has none, none where it should not run. */
export function syncDaemonSetKey(ctx: ActorContext, host: DaemonSetHost, key: string): void {
  const ds = host.informers['daemonsets']?.items.get(key) as DaemonSet | undefined
  const pods = host.informers['pods']
  const nodes = host.informers['nodes']
  if (!ds || !pods || !nodes || (host.daemonSets.inFlight[key] ?? 0) > 0) return
  const owned = (byIndex(pods, 'controllerUid', ds.metadata?.uid ?? '') as Pod[]).filter(
    (p) => !p.metadata?.deletionTimestamp,
  )
  const byNode = new Map<string, Pod[]>()
  for (const pod of owned)
    byNode.set(targetNode(pod), [...(byNode.get(targetNode(pod)) ?? []), pod])
  const namespace = ds.metadata?.namespace ?? 'default'
  let desired = 0
  for (const object of nodes.items.values()) {
    const node = object as Node
    const name = node.metadata?.name ?? ''
    if (!shouldRun(ds, node)) continue
    desired++
    if ((byNode.get(name) ?? []).length > 0) continue
    host.daemonSets.inFlight[key] = (host.daemonSets.inFlight[key] ?? 0) + 1
    callApi(
      ctx,
      host.client,
      {
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/pods`,
        body: daemonPod(ds, name),
        label: `POST pods (DaemonSet ${ds.metadata?.name ?? ''} on ${name})`,
      },
      { purpose: 'daemonset-create', data: key },
    )
  }
  const ready = owned.filter((p) =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length
  const status = {
    currentNumberScheduled: byNode.size,
    desiredNumberScheduled: desired,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: ready,
    updatedNumberScheduled: byNode.size,
    observedGeneration: ds.metadata?.generation ?? 1,
    ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
  }
  if (sameValue(status, ds.status)) return
  callApi(
    ctx,
    host.client,
    {
      method: 'PUT',
      path: `/apis/apps/v1/namespaces/${namespace}/daemonsets/${ds.metadata?.name ?? ''}/status`,
      body: { ...ds, status },
      label: `PUT daemonsets/${ds.metadata?.name ?? ''}/status`,
    },
    { purpose: 'daemonset-status', data: key },
  )
}

export function onDaemonSetWrite(
  ctx: ActorContext,
  host: DaemonSetHost,
  purpose: string,
  key: string,
  code: number,
  body: unknown,
): void {
  if (purpose === 'daemonset-status') {
    if (code === 409) enqueue(ctx, host.daemonSets.queue, key)
    return
  }
  const left = (host.daemonSets.inFlight[key] ?? 1) - 1
  if (left > 0) host.daemonSets.inFlight[key] = left
  else delete host.daemonSets.inFlight[key]
  const ds = host.informers['daemonsets']?.items.get(key)
  const created = code === 201
  if (!created) (host.daemonSets.failedCreates ??= {})[key] = true
  // Source: controller_utils.go CreatePods, SuccessfulCreate / FailedCreatePodReason (v1.32)
  if (ds)
    recordBroadcastEvent(
      ctx,
      host.client,
      host.daemonSets,
      ds,
      created ? 'Normal' : 'Warning',
      created ? 'SuccessfulCreate' : 'FailedCreate',
      created
        ? `Created pod: ${(body as KubeObject).metadata?.name ?? ''}`
        : `Error creating: ${(body as { message?: string } | undefined)?.message ?? `status ${code}`}`,
      SOURCE,
    )
  if (left > 0) return
  // A sync whose creates failed returns its error: processNextWorkItem retries it rate-limited
  // (daemon_controller.go, v1.32) instead of at once, so a create that keeps failing is not a
  // tight loop.
  if (host.daemonSets.failedCreates?.[key]) {
    delete host.daemonSets.failedCreates[key]
    requeueRateLimited(ctx, host.daemonSets.queue, key)
  } else {
    forget(host.daemonSets.queue, key)
    enqueue(ctx, host.daemonSets.queue, key)
  }
}
