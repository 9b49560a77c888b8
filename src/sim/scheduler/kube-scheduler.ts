import type { Node, Pod } from 'kubernetes-types/core/v1'
import { nextInt } from '../core/rng'
import { objectKey, type KubeObject } from '../model/objects'
import { parseMilliValue, parseValue, quantityText } from '../model/quantity'
import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import { callApi, createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
import { recordEvent } from '../runtime/events-recorder'
import {
  createInformer,
  informerForWatch,
  onInformerEvent,
  onInformerList,
  startInformer,
  type InformerState,
} from '../runtime/informer'

export interface SchedulerState extends ActorBase {
  kind: 'kube-scheduler'
  client: ApiClientState
  informers: Record<string, InformerState>
  /** Pods waiting to be scheduled, FIFO (activeQ). */
  queue: string[]
  /** Pods that failed and wait for a cluster change (unschedulablePods). */
  unschedulable: string[]
  /** Pods assumed onto a node while their Binding is in flight. */
  assumed: Record<string, string>
  cycleScheduled: boolean
}

export function createSchedulerState(apiServer: string, rng: ActorBase['rng']): SchedulerState {
  return {
    id: 'kube-scheduler',
    kind: 'kube-scheduler',
    host: 'control-plane',
    running: false,
    rng,
    client: createApiClient(
      { name: 'system:kube-scheduler', groups: ['system:authenticated'] },
      apiServer,
    ),
    informers: {
      pods: createInformer('pods', '/api/v1/pods'),
      nodes: createInformer('nodes', '/api/v1/nodes'),
    },
    queue: [],
    unschedulable: [],
    assumed: {},
    cycleScheduled: false,
  }
}

// Non-zero defaults used only in scoring: 100 millicores and 200 MB.
// Source: DefaultMilliCPURequest, DefaultMemoryRequest, pkg/scheduler/util/pod_resources.go (v1.32)
const DEFAULT_MILLI_CPU = 100
const DEFAULT_MEMORY_BYTES = 200 * 1024 * 1024
// MaxNodeScore = 100: framework.MaxNodeScore, pkg/scheduler/framework/interface.go (v1.32)
const MAX_NODE_SCORE = 100

interface Requests {
  milliCpu: number
  memory: number
}

function podRequests(pod: Pod, nonZero: boolean): Requests {
  let milliCpu = 0
  let memory = 0
  for (const c of pod.spec?.containers ?? []) {
    const cpu = c.resources?.requests?.['cpu']
    const mem = c.resources?.requests?.['memory']
    milliCpu +=
      cpu !== undefined ? parseMilliValue(quantityText(cpu)) : nonZero ? DEFAULT_MILLI_CPU : 0
    memory += mem !== undefined ? parseValue(quantityText(mem)) : nonZero ? DEFAULT_MEMORY_BYTES : 0
  }
  return { milliCpu, memory }
}

const needsScheduling = (pod: Pod): boolean =>
  !pod.spec?.nodeName &&
  (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
  !pod.metadata?.deletionTimestamp

interface Decision {
  node?: string
  message: string
}

/** NodeResourcesFit filter + LeastAllocated score (equal cpu/memory weights), ties at random. */
function decide(state: SchedulerState, pod: Pod): Decision {
  const nodes = [...(state.informers['nodes']?.items.values() ?? [])] as Node[]
  const placed = [...(state.informers['pods']?.items.values() ?? [])] as Pod[]
  const want = podRequests(pod, false)
  const wantScore = podRequests(pod, true)
  const reasons: Record<string, number> = {}
  let best: string[] = []
  let bestScore = -1
  for (const node of nodes) {
    const name = node.metadata?.name ?? ''
    if (node.spec?.unschedulable) {
      reasons['node(s) were unschedulable'] = (reasons['node(s) were unschedulable'] ?? 0) + 1
      continue
    }
    const onNode = placed.filter(
      (p) =>
        (p.spec?.nodeName ?? state.assumed[objectKey(p as KubeObject)]) === name &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    )
    const allocCpu = parseMilliValue(quantityText(node.status?.allocatable?.['cpu'] ?? '0'))
    const allocMem = parseValue(quantityText(node.status?.allocatable?.['memory'] ?? '0'))
    const allocPods = Number(node.status?.allocatable?.['pods'] ?? '0')
    const used = onNode.reduce(
      (acc, p) => {
        const r = podRequests(p, false)
        return { milliCpu: acc.milliCpu + r.milliCpu, memory: acc.memory + r.memory }
      },
      { milliCpu: 0, memory: 0 },
    )
    const usedScore = onNode.reduce(
      (acc, p) => {
        const r = podRequests(p, true)
        return { milliCpu: acc.milliCpu + r.milliCpu, memory: acc.memory + r.memory }
      },
      { milliCpu: 0, memory: 0 },
    )
    // Source: fitsRequest reason strings, plugins/noderesources/fit.go (v1.32)
    const failures: string[] = []
    if (onNode.length + 1 > allocPods) failures.push('Too many pods')
    if (want.milliCpu > 0 && used.milliCpu + want.milliCpu > allocCpu)
      failures.push('Insufficient cpu')
    if (want.memory > 0 && used.memory + want.memory > allocMem)
      failures.push('Insufficient memory')
    if (failures.length > 0) {
      for (const f of failures) reasons[f] = (reasons[f] ?? 0) + 1
      continue
    }
    // leastRequestedScore = (capacity - requested) * MaxNodeScore / capacity: least_allocated.go (v1.32)
    const score = (cap: number, req: number) =>
      req > cap || cap === 0 ? 0 : Math.trunc(((cap - req) * MAX_NODE_SCORE) / cap)
    const total = Math.trunc(
      (score(allocCpu, usedScore.milliCpu + wantScore.milliCpu) +
        score(allocMem, usedScore.memory + wantScore.memory)) /
        2,
    )
    if (total > bestScore) {
      bestScore = total
      best = [name]
    } else if (total === bestScore) best.push(name)
  }
  if (best.length > 0) {
    const node = best[nextInt(state.rng, best.length)] as string
    return {
      node,
      message: `filtered ${nodes.length} node(s): ${best.length} tied at score ${bestScore}, picked ${node}`,
    }
  }
  const parts = Object.entries(reasons)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([r, n]) => `${n} ${r}`)
  return {
    message: `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} No preemption victims found for incoming pod.`,
  }
}

function enqueue(ctx: ActorContext, state: SchedulerState, key: string): void {
  if (state.queue.includes(key) || state.assumed[key] !== undefined) return
  state.unschedulable = state.unschedulable.filter((k) => k !== key)
  state.queue.push(key)
  maybeScheduleCycle(ctx, state)
}

function maybeScheduleCycle(ctx: ActorContext, state: SchedulerState): void {
  if (state.cycleScheduled || state.queue.length === 0) return
  state.cycleScheduled = true
  ctx.setTimer(1, { name: 'schedule-one' })
}

function scheduleOne(ctx: ActorContext, state: SchedulerState): void {
  state.cycleScheduled = false
  const key = state.queue.shift()
  const pod =
    key !== undefined ? (state.informers['pods']?.items.get(key) as Pod | undefined) : undefined
  if (key === undefined || !pod || !needsScheduling(pod)) return maybeScheduleCycle(ctx, state)
  const decision = decide(state, pod)
  const about = {
    kind: 'Pod',
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
  }
  if (decision.node === undefined) {
    state.unschedulable.push(key)
    recordEvent(
      ctx,
      state.client,
      pod as KubeObject,
      'Warning',
      'FailedScheduling',
      decision.message,
      { component: 'default-scheduler' },
    )
    return maybeScheduleCycle(ctx, state)
  }
  state.assumed[key] = decision.node
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `scheduler ${decision.message} for Pod ${about.name}`,
    step: 3,
    about,
  })
  callApi(
    ctx,
    state.client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${about.namespace}/pods/${about.name}/binding`,
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: about.name, namespace: about.namespace, uid: pod.metadata?.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: decision.node },
      },
      label: `POST pods/${about.name}/binding → ${decision.node}`,
      step: 3,
      about,
    },
    { purpose: 'bind', data: { key, node: decision.node } },
  )
  maybeScheduleCycle(ctx, state)
}

function onBindResponse(
  ctx: ActorContext,
  state: SchedulerState,
  data: { key: string; node: string },
  code: number,
): void {
  const pod = state.informers['pods']?.items.get(data.key)
  if (code === 201 && pod) {
    // Source: schedule_one.go handleBindingCycleResult event text (v1.32)
    recordEvent(
      ctx,
      state.client,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${data.key} to ${data.node}`,
      { component: 'default-scheduler' },
    )
    return
  }
  delete state.assumed[data.key]
  if (pod) enqueue(ctx, state, data.key)
}

function onChange(
  ctx: ActorContext,
  state: SchedulerState,
  informer: string,
  type: string,
  object: KubeObject,
): void {
  if (informer === 'nodes' || type === 'DELETED') {
    // A cluster event that may make unschedulable pods fit: move them back (MoveAllToActiveOrBackoffQueue).
    const waiting = state.unschedulable
    state.unschedulable = []
    for (const key of waiting) enqueue(ctx, state, key)
    if (informer === 'pods') delete state.assumed[objectKey(object)]
    return
  }
  const pod = object as Pod
  const key = objectKey(object)
  if (pod.spec?.nodeName) delete state.assumed[key]
  else if (needsScheduling(pod)) enqueue(ctx, state, key)
}

/** kube-scheduler: watches pods and nodes, and binds each unscheduled pod to a node. */
export const kubeScheduler: Behaviour<SchedulerState> = {
  start(ctx, state) {
    for (const informer of Object.values(state.informers))
      startInformer(ctx, state.client, informer)
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      if (pending?.purpose === 'informer-list') {
        const informer = state.informers[String(pending.data)]
        if (informer)
          for (const c of onInformerList(ctx, state.client, informer, body))
            onChange(ctx, state, informer.name, c.type, c.object)
      } else if (pending?.purpose === 'bind') {
        onBindResponse(ctx, state, pending.data as { key: string; node: string }, body.code)
      }
    } else if (body.type === 'watch-event') {
      const informer = informerForWatch(state.informers, body.requestId)
      const change = informer ? onInformerEvent(ctx, state.client, informer, body) : undefined
      if (informer && change) onChange(ctx, state, informer.name, change.type, change.object)
    }
  },
  onTimer(ctx, state, timer) {
    if (timer.name === 'schedule-one') scheduleOne(ctx, state)
    if (timer.name === 'informer-relist') {
      const informer = state.informers[String(timer.data)]
      if (informer) startInformer(ctx, state.client, informer)
    }
  },
}
