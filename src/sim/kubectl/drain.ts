/**
 * `kubectl drain NODE`: cordon it, list its pods, refuse (or with flags, skip or force) the ones
 * drain will not evict, then POST an Eviction for each of the rest and wait until they are gone.
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go, pkg/drain/drain.go and
 * filters.go (daemonSetFilter, unreplicatedFilter, localStorageFilter, mirrorPodFilter; their
 * messages). Output checked against the real kubectl v1.32.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { fail, print, succeeded } from './commands'
import { formatApiError } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf, workloadCall } from './workload-call'

// drain.go's filter messages.
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
const UNMANAGED_WARNING = 'deleting Pods that declare no controller'
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
// waitForDelete polls every second.
const POLL_MS = 1000

const podName = (pod: Pod) => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`

export function startDrain(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const node = cmd.positional[0]
  if (node === undefined) {
    fail(cmd, "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples")
    return false
  }
  cmd.flow = { verb: 'drain', namespace: '', name: node, data: { waiting: [] } }
  workloadCall(ctx, state, cmd, { method: 'GET', path: `/api/v1/nodes/${node}` }, 'drain-node')
  return true
}

/** evict; skip silently (mirror pods); warn and evict or ignore; or refuse the whole drain. */
type Verdict =
  | { kind: 'evict' }
  | { kind: 'skip' }
  | { kind: 'warn'; message: string; evict: boolean }
  | { kind: 'fatal'; message: string }

function verdictFor(pod: Pod, flags: Record<string, string>): Verdict {
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { kind: 'skip' }
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return { kind: 'evict' }
  const controller = pod.metadata?.ownerReferences?.find((r) => r.controller === true)
  if (controller?.kind === 'DaemonSet')
    return flags['ignore-daemonsets'] === 'true'
      ? { kind: 'warn', message: DAEMONSET_WARNING, evict: false }
      : { kind: 'fatal', message: DAEMONSET_FATAL }
  if (!controller)
    return flags['force'] === 'true'
      ? { kind: 'warn', message: UNMANAGED_WARNING, evict: true }
      : { kind: 'fatal', message: UNMANAGED_FATAL }
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined))
    return flags['delete-emptydir-data'] === 'true'
      ? { kind: 'warn', message: LOCAL_STORAGE_WARNING, evict: true }
      : { kind: 'fatal', message: LOCAL_STORAGE_FATAL }
  return { kind: 'evict' }
}

function grouped(pods: readonly [Pod, Verdict][], kind: 'warn' | 'fatal'): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [pod, v] of pods)
    if (v.kind === kind) out.set(v.message, [...(out.get(v.message) ?? []), podName(pod)])
  return out
}

/** The node read: cordon it (unless it already is). */
export function onDrainNode(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const flow = flowOf(cmd)
  if (
    (body as KubeObject)['spec'] !== undefined &&
    ((body as { spec?: { unschedulable?: boolean } }).spec?.unschedulable ?? false)
  ) {
    print(cmd, `node/${flow.name} already cordoned`)
    return listPods(ctx, state, cmd)
  }
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'PATCH',
      path: `/api/v1/nodes/${flow.name}`,
      body: { spec: { unschedulable: true } },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH nodes/${flow.name} (cordon)`,
    },
    'drain-cordon',
  )
  return true
}

function listPods(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'GET',
      path: '/api/v1/pods',
      query: { fieldSelector: `spec.nodeName=${flowOf(cmd).name}` },
    },
    'drain-pods',
  )
  return true
}

export function onDrainCordon(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  print(cmd, `node/${flowOf(cmd).name} cordoned`)
  return listPods(ctx, state, cmd)
}

/** The node's pods: refuse, warn, then evict every pod drain may evict. */
export function onDrainPods(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const flow = flowOf(cmd)
  const pods = ((body as { items?: KubeObject[] }).items ?? []) as Pod[]
  const judged = pods.map((p) => [p, verdictFor(p, cmd.flags)] as [Pod, Verdict])
  // PodDeleteList.errors: "cannot delete <message>: pods", even where the message itself
  // starts "cannot delete" (unmanagedFatal), as the real kubectl prints it.
  const fatal = [...grouped(judged, 'fatal')].map(
    ([msg, names]) => `cannot delete ${msg}: ${names.join(', ')}`,
  )
  if (fatal.length > 0) {
    // utilerrors.NewAggregate: one error as is, several as "[a, b]"; the summary lists each.
    const err = fatal.length === 1 ? fatal.join('') : `[${fatal.join(', ')}]`
    fail(
      cmd,
      `error: unable to drain node "${flow.name}" due to error: ${err}, continuing command...\nThere are pending nodes to be drained:\n ${flow.name}\n${fatal.join('\n')}`,
    )
    return false
  }
  const warnings = [...grouped(judged, 'warn')].map(([msg, names]) => `${msg}: ${names.join(', ')}`)
  if (warnings.length > 0) print(cmd, `Warning: ${warnings.join('; ')}`)
  const evict = judged
    .filter(([, v]) => v.kind === 'evict' || (v.kind === 'warn' && v.evict))
    .map(([p]) => p)
  evict.sort((a, b) => podName(a).localeCompare(podName(b)))
  if (evict.length === 0) {
    print(cmd, `node/${flow.name} drained`)
    return false
  }
  flow.data['waiting'] = evict.map((p) => ({
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    uid: p.metadata?.uid ?? '',
  }))
  for (const pod of evict) {
    print(cmd, `evicting pod ${podName(pod)}`)
    const ns = pod.metadata?.namespace ?? ''
    const name = pod.metadata?.name ?? ''
    workloadCall(
      ctx,
      state,
      cmd,
      {
        method: 'POST',
        path: `/api/v1/namespaces/${ns}/pods/${name}/eviction`,
        body: { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name, namespace: ns } },
        label: `POST pods/${name}/eviction`,
      },
      'drain-evict',
    )
  }
  return true
}

interface Waiting {
  namespace: string
  name: string
  uid: string
  evicted?: boolean
}

/** An eviction accepted: poll the pod until it is gone (or replaced under the same name). */
export function onDrainEvict(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (code !== 201 && code !== 200) {
    fail(cmd, formatApiError(body))
    return false
  }
  return poll(ctx, state, cmd)
}

function poll(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const waiting = flowOf(cmd).data['waiting'] as Waiting[]
  const next = waiting.find((w) => !w.evicted)
  if (!next) return true
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'GET',
      path: `/api/v1/namespaces/${next.namespace}/pods/${next.name}`,
      extraDelayMs: POLL_MS,
    },
    'drain-poll',
  )
  return true
}

export function onDrainPoll(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const flow = flowOf(cmd)
  const waiting = flow.data['waiting'] as Waiting[]
  const next = waiting.find((w) => !w.evicted)
  if (!next) return false
  if (code === 404 || (code === 200 && (body as KubeObject).metadata?.uid !== next.uid)) {
    next.evicted = true
    print(cmd, `pod/${next.name} evicted`)
    if (waiting.every((w) => w.evicted)) {
      print(cmd, `node/${flow.name} drained`)
      return false
    }
  }
  return poll(ctx, state, cmd)
}
