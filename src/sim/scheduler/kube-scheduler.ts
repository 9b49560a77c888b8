import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../model/objects'
import type { ActorContext, Behaviour, TimerBody } from '../runtime/actor'
import { onElectionResponse, onElectionTimer, startElection } from '../runtime/leader-election'
import { lifeContext, timerOfLife } from '../runtime/process-life'
import { callApi, takePending } from '../runtime/api-client'
import { recordEvent } from '../runtime/events-recorder'
import {
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
} from '../runtime/informer'
import { scheduledEventMessage } from './binding-cycle'
import { assumePod, finishBinding, forgetPod } from './cache'
import { runSchedulingCycle } from './cycle'
import type { SchedulingCycleRecord } from './cycle-record'
import { recordDecision } from './decision-log'
import { summarizeCycle } from './decision-summary'
import { isPendingForUs, onSchedulerChange } from './kube-scheduler-events'
import type { SchedulerState } from './kube-scheduler-state'
import {
  addUnschedulableIfNotPresent,
  donePod,
  nextWakeupMs,
  popPod,
  tickQueue,
  type QueuedPodInfo,
} from './queue'
import { nominatedPods } from './queue-view'

export { createSchedulerState, type SchedulerState } from './kube-scheduler-state'
import { freshScheduler } from './kube-scheduler-state'

// A scheduling cycle for a small cluster takes about a millisecond of scheduler CPU.
const CYCLE_MS = 1

const about = (pod: Pod) => ({
  kind: 'Pod',
  namespace: pod.metadata?.namespace ?? 'default',
  name: pod.metadata?.name ?? '',
})

/** Keeps one timer armed for the queue's next flush, and one for the next cycle. */
function arm(ctx: ActorContext, state: SchedulerState): void {
  // Only the leader schedules; a standby keeps its caches warm (kube-scheduler starts its
  // informers before leader election, cmd/kube-scheduler/app/server.go Run, v1.32).
  if (state.election.role !== 'leader') return
  if (!state.cycleScheduled && state.queue.activeQ.length > 0) {
    state.cycleScheduled = true
    ctx.setTimer(CYCLE_MS, { name: 'schedule-one' })
  }
  const wake = nextWakeupMs(state.queue)
  if (
    wake !== undefined &&
    (state.wakeupAtMs === undefined || wake < state.wakeupAtMs || state.wakeupAtMs <= ctx.nowMs)
  ) {
    state.wakeupAtMs = wake
    ctx.setTimer(Math.max(0, wake - ctx.nowMs), { name: 'queue-tick', data: wake })
  }
}

function bind(
  ctx: ActorContext,
  state: SchedulerState,
  p: QueuedPodInfo,
  record: SchedulingCycleRecord,
  node: string,
): void {
  assumePod(state.cache, p.pod, node)
  const ref = about(p.pod)
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `scheduler: ${record.selection?.explanation ?? `picked ${node}`}`,
    step: 3,
    about: ref,
  })
  callApi(
    ctx,
    state.client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${ref.namespace}/pods/${ref.name}/binding`,
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: ref.name, namespace: ref.namespace, uid: p.pod.metadata?.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: node },
      },
      label: `POST pods/${ref.name}/binding → ${node}`,
      step: 3,
      about: ref,
    },
    { purpose: 'bind', data: { key: p.key, node } },
  )
}

/** The pod fits nowhere: requeue it, say why (FailedScheduling), and preempt if that helps. */
function fail(
  ctx: ActorContext,
  state: SchedulerState,
  p: QueuedPodInfo,
  record: SchedulingCycleRecord,
): void {
  const failure = record.failure
  addUnschedulableIfNotPresent(
    state.queue,
    p,
    {
      unschedulablePlugins: failure?.unschedulablePlugins ?? [],
      pendingPlugins: failure?.pendingPlugins ?? [],
    },
    ctx.nowMs,
  )
  donePod(state.queue, p.key)
  recordEvent(
    ctx,
    state.client,
    p.pod as KubeObject,
    'Warning',
    'FailedScheduling',
    failure?.eventMessage ?? 'scheduling failed',
    { component: 'default-scheduler' },
  )
  const nominated = record.postFilter?.nominatedNodeName
  if (nominated === undefined) return
  const ref = about(p.pod)
  for (const victim of record.postFilter?.victims ?? []) {
    const [namespace = 'default', name = ''] = victim.split('/')
    callApi(
      ctx,
      state.client,
      {
        method: 'DELETE',
        path: `/api/v1/namespaces/${namespace}/pods/${name}`,
        label: `DELETE pods/${name} (preempted)`,
      },
      { purpose: 'preempt' },
    )
  }
  callApi(
    ctx,
    state.client,
    {
      method: 'PATCH',
      path: `/api/v1/namespaces/${ref.namespace}/pods/${ref.name}/status`,
      body: { status: { nominatedNodeName: nominated } },
      contentType: 'application/merge-patch+json',
      label: `PATCH pods/${ref.name}/status (nominated ${nominated})`,
    },
    { purpose: 'nominate' },
  )
}

/** scheduleOne: pop a pod, run the framework's cycle, then bind or record the failure. */
function scheduleOne(ctx: ActorContext, state: SchedulerState): void {
  state.cycleScheduled = false
  const p = popPod(state.queue, ctx.nowMs)
  if (p && isPendingForUs(p.pod)) {
    const record = runSchedulingCycle({
      pod: p.pod,
      cache: state.cache,
      rng: state.rng,
      nextStartNodeIndex: state.nextStartNodeIndex,
      nominatedPods: nominatedPods(state.queue),
    })
    state.nextStartNodeIndex = record.nextStartNodeIndex
    recordDecision(
      state.decisions,
      summarizeCycle(record, p.pod, state.cache, state.decisions.seq + 1, ctx.nowMs),
    )
    if (record.selectedNode !== null) bind(ctx, state, p, record, record.selectedNode)
    else fail(ctx, state, p, record)
  } else if (p) {
    donePod(state.queue, p.key)
  }
  arm(ctx, state)
}

function onBindResponse(
  ctx: ActorContext,
  state: SchedulerState,
  data: { key: string; node: string },
  code: number,
): void {
  const inFlight = state.queue.inFlight[data.key]?.pInfo
  const pod = inFlight?.pod
  if (code === 201 && pod) {
    finishBinding(state.cache, pod)
    recordEvent(
      ctx,
      state.client,
      pod as KubeObject,
      'Normal',
      'Scheduled',
      scheduledEventMessage(pod, data.node),
      { component: 'default-scheduler' },
    )
  } else if (inFlight) {
    // handleBindingCycleError: forget the assumption and retry after backoff.
    forgetPod(state.cache, inFlight.pod)
    addUnschedulableIfNotPresent(
      state.queue,
      inFlight,
      { unschedulablePlugins: [], pendingPlugins: [] },
      ctx.nowMs,
    )
  }
  donePod(state.queue, data.key)
  arm(ctx, state)
}

/** Losing leadership ends the process ("leaderelection lost"); it restarts as a candidate. */
function restart(ctx: ActorContext, state: SchedulerState): void {
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `${state.id}: leaderelection lost (no renewal for 10s); the process exits and restarts as a candidate`,
  })
  Object.assign(state, freshScheduler(ctx.nowMs))
  state.client.pending = new Map()
  state.life++
  startInformers(lifeContext(ctx, state.life), state)
  startElection(ctx, state)
}

function onLifeTimer(ctx: ActorContext, state: SchedulerState, timer: TimerBody): void {
  if (timer.name === 'schedule-one') scheduleOne(ctx, state)
  if (timer.name === 'queue-tick' && timer.data === state.wakeupAtMs) {
    state.wakeupAtMs = undefined
    tickQueue(state.queue, ctx.nowMs)
    arm(ctx, state)
  }
  onInformerTimer(ctx, state, timer)
}

/** kube-scheduler: watches pods and nodes, and binds each unscheduled pod to a node. */
export const kubeScheduler: Behaviour<SchedulerState> = {
  start(ctx, state) {
    Object.assign(state, freshScheduler(ctx.nowMs))
    state.client.pending = new Map()
    state.life++
    startInformers(lifeContext(ctx, state.life), state)
    startElection(ctx, state)
  },
  onMessage(rawCtx, state, envelope) {
    const ctx = lifeContext(rawCtx, state.life)
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      if (!pending) return
      const election = onElectionResponse(rawCtx, state, pending, body)
      if (election.handled) {
        if (election.outcome === 'became-leader') {
          ctx.emit({
            type: 'Narrated',
            actor: state.id,
            text: `${state.id} holds the Lease kube-system/kube-scheduler (${state.election.identity}): scheduling`,
          })
          arm(ctx, state)
        }
        return
      }
      const listed = onInformerResponse(ctx, state, pending, body)
      if (listed) {
        for (const change of listed.changes) onSchedulerChange(ctx, state, listed.informer, change)
        arm(ctx, state)
      } else if (pending.purpose === 'bind') {
        onBindResponse(ctx, state, pending.data as { key: string; node: string }, body.code)
      }
    } else if (body.type === 'watch-event') {
      const hit = onInformerWatch(ctx, state, body)
      if (hit) onSchedulerChange(ctx, state, hit.informer, hit.change)
      arm(ctx, state)
    }
  },
  onTimer(rawCtx, state, timer) {
    if (timer.name === 'leader-election') {
      if (onElectionTimer(rawCtx, state, timer.data) === 'lost') restart(rawCtx, state)
      return
    }
    const own = timerOfLife(timer, state.life)
    if (own) onLifeTimer(lifeContext(rawCtx, state.life), state, own)
  },
}
