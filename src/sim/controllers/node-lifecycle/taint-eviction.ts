/**
 * The taint eviction controller: a pod on a node with NoExecute taints is deleted at once if it
 * does not tolerate them all, or when the shortest tolerationSeconds it uses runs out (300 s for
 * the not-ready / unreachable tolerations the DefaultTolerationSeconds admission plugin adds).
 * Source: pkg/controller/tainteviction/taint_eviction.go (processPodOnNode, getMinTolerationTime,
 * addConditionAndDeletePod, emitPodDeletionEvent) (v1.32).
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import { sameValue, type KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi, type ApiClientState } from '../../runtime/api-client'
import { recordBroadcastEvent, type EventBroadcasterOwner } from '../../runtime/event-correlator'
import { byIndex, type InformerChange, type InformerState } from '../../runtime/informer'
import { toleratesTaint } from '../../scheduler/util/tolerations'

export interface ScheduledEviction {
  createdAtMs: number
  fireAtMs: number
  seq: number
}

export interface TaintEvictionState extends EventBroadcasterOwner {
  /** NoExecute taints per node. */
  tainted: Record<string, Taint[]>
  /** Pending deletions by pod key (namespace/name). */
  scheduled: Record<string, ScheduledEviction>
  seq: number
}

export function createTaintEvictionState(): TaintEvictionState {
  return { tainted: {}, scheduled: {}, seq: 0 }
}

export interface TaintEvictionHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  taintEviction: TaintEvictionState
}

const SOURCE = { component: 'taint-eviction-controller' }
const noExecute = (taints: readonly Taint[] | undefined): Taint[] =>
  (taints ?? []).filter((t) => t.effect === 'NoExecute')
const podKey = (pod: Pod) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`

/** GetMatchingTolerations: whether every taint is tolerated, and the tolerations used. */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = []
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint))
    if (!t) return { all: false, used: [] }
    used.push(t)
  }
  return { all: true, used }
}

/** getMinTolerationTime: the shortest tolerationSeconds in ms, or -1 for forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0
  let min = Infinity
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue
    if (t.tolerationSeconds <= 0) return 0
    min = Math.min(min, t.tolerationSeconds)
  }
  return min === Infinity ? -1 : min * 1000
}

function cancel(
  ctx: ActorContext,
  host: TaintEvictionHost,
  key: string,
  pod: Pod | undefined,
): void {
  if (!host.taintEviction.scheduled[key]) return
  delete host.taintEviction.scheduled[key]
  if (pod)
    recordBroadcastEvent(
      ctx,
      host.client,
      host.taintEviction,
      pod as KubeObject,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${key}`,
      SOURCE,
    )
}

function schedule(
  ctx: ActorContext,
  host: TaintEvictionHost,
  pod: Pod,
  createdAtMs: number,
  fireAtMs: number,
  why: string,
): void {
  const state = host.taintEviction
  const key = podKey(pod)
  const seq = ++state.seq
  state.scheduled[key] = { createdAtMs, fireAtMs, seq }
  ctx.setTimer(Math.max(0, fireAtMs - ctx.nowMs), { name: 'taint-evict', data: { key, seq } })
  if (fireAtMs > ctx.nowMs)
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `taint eviction: Pod ${key} on ${pod.spec?.nodeName ?? ''} ${why}; deleting it at ${simTimeToRfc3339(fireAtMs).slice(11, 19)} unless the taint goes`,
      about: {
        kind: 'Pod',
        namespace: pod.metadata?.namespace ?? 'default',
        name: pod.metadata?.name ?? '',
      },
    })
}

/** processPodOnNode. */
function processPodOnNode(
  ctx: ActorContext,
  host: TaintEvictionHost,
  pod: Pod,
  taints: readonly Taint[],
): void {
  const key = podKey(pod)
  if (taints.length === 0) return cancel(ctx, host, key, pod)
  const { all, used } = matchingTolerations(taints, pod.spec?.tolerations)
  if (!all) {
    cancel(ctx, host, key, undefined)
    return schedule(ctx, host, pod, ctx.nowMs, ctx.nowMs, 'does not tolerate the taint')
  }
  const min = minTolerationMs(used)
  if (min < 0) return cancel(ctx, host, key, pod)
  // An eviction already scheduled from an earlier time stays (startTime+min is before now+min).
  const existing = host.taintEviction.scheduled[key]
  if (existing && existing.createdAtMs < ctx.nowMs) return
  const taint = taints.map((t) => `${t.key}:${t.effect}`).join(', ')
  schedule(ctx, host, pod, ctx.nowMs, ctx.nowMs + min, `tolerates ${taint} for ${min / 1000}s`)
}

function handleNode(
  ctx: ActorContext,
  host: TaintEvictionHost,
  node: Node | undefined,
  name: string,
): void {
  const state = host.taintEviction
  const taints = noExecute(node?.spec?.taints)
  if (!node || taints.length === 0) delete state.tainted[name]
  else state.tainted[name] = taints
  const pods = host.informers['pods']
  if (!pods) return
  for (const pod of byIndex(pods, 'nodeName', name) as Pod[]) {
    if (taints.length === 0) cancel(ctx, host, podKey(pod), pod)
    else processPodOnNode(ctx, host, pod, taints)
  }
}

/** NodeUpdated / PodUpdated: react when NoExecute taints, a pod's node or its tolerations change. */
export function onTaintEvictionChange(
  ctx: ActorContext,
  host: TaintEvictionHost,
  informer: string,
  change: InformerChange,
): void {
  if (informer === 'nodes') {
    const before = JSON.stringify(noExecute((change.old as Node | undefined)?.spec?.taints))
    const now =
      change.type === 'DELETED'
        ? '[]'
        : JSON.stringify(noExecute((change.object as Node).spec?.taints))
    if (change.old && before === now) return
    handleNode(
      ctx,
      host,
      change.type === 'DELETED' ? undefined : (change.object as Node),
      change.object.metadata?.name ?? '',
    )
    return
  }
  if (informer !== 'pods') return
  const pod = change.object as Pod
  if (change.type === 'DELETED') {
    delete host.taintEviction.scheduled[podKey(pod)]
    return
  }
  const old = change.old as Pod | undefined
  if (
    old &&
    old.spec?.nodeName === pod.spec?.nodeName &&
    sameValue(old.spec?.tolerations, pod.spec?.tolerations)
  )
    return
  const taints = host.taintEviction.tainted[pod.spec?.nodeName ?? '']
  if (pod.spec?.nodeName && taints) processPodOnNode(ctx, host, pod, taints)
}

/** The deletion is due: mark the pod DisruptionTarget, then delete it (addConditionAndDeletePod). */
export function onTaintEvictTimer(
  ctx: ActorContext,
  host: TaintEvictionHost,
  data: { key: string; seq: number },
): void {
  const scheduled = host.taintEviction.scheduled[data.key]
  if (scheduled?.seq !== data.seq) return
  delete host.taintEviction.scheduled[data.key]
  const pod = host.informers['pods']?.items.get(data.key) as Pod | undefined
  if (!pod || pod.metadata?.deletionTimestamp) return
  const [namespace = 'default', name = ''] = data.key.split('/')
  const about = { kind: 'Pod', namespace, name }
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `taint eviction: Pod ${data.key} on ${pod.spec?.nodeName ?? ''}: its toleration ran out ${String(Math.round((ctx.nowMs - scheduled.createdAtMs) / 1000))}s after the taint; evicting it now`,
    about,
  })
  recordBroadcastEvent(
    ctx,
    host.client,
    host.taintEviction,
    pod as KubeObject,
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${data.key}`,
    SOURCE,
  )
  const now = simTimeToRfc3339(ctx.nowMs)
  callApi(
    ctx,
    host.client,
    {
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/pods/${name}/status`,
      body: {
        status: {
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'DeletionByTaintManager',
              message: 'Taint manager: deleting due to NoExecute taint',
              lastTransitionTime: now,
            },
          ],
        },
      },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH pods/${name}/status (DisruptionTarget)`,
      about,
    },
    { purpose: 'taint-evict-status' },
  )
  callApi(
    ctx,
    host.client,
    {
      method: 'DELETE',
      path: `/api/v1/namespaces/${namespace}/pods/${name}`,
      label: `DELETE pods/${name} (NoExecute taint)`,
      about,
    },
    { purpose: 'taint-evict-delete' },
  )
}
