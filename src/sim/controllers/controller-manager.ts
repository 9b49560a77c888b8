import type { ActorContext, Behaviour, TimerBody } from '../runtime/actor'
import { takePending } from '../runtime/api-client'
import {
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
} from '../runtime/informer'
import { onElectionResponse, onElectionTimer, startElection } from '../runtime/leader-election'
import { lifeContext, timerOfLife } from '../runtime/process-life'
import { freshControllers, type ControllerManagerState } from './controller-manager-state'
import {
  CONTROLLERS,
  isAuthInformer,
  onChange,
  onResponse,
  queuesOf,
  scheduleAuthSync,
  syncOne,
} from './controller-manager-handlers'
import {
  onIdentityResponse,
  onIdentityTimer,
  requestControllerIdentity,
  runAs,
} from './controller-identities'
import { onAuthControllerResponse, reconcileAuthObjects } from './auth-controllers'
import {
  monitorNodeHealth,
  noExecuteTaintingPass,
  NODE_MONITOR_PERIOD_MS,
} from './node-lifecycle/node-lifecycle-controller'
import { onTaintEvictTimer } from './node-lifecycle/taint-eviction'
import { onServiceEndpointsTimer } from './endpointslice/service-endpoints'
import { enqueue } from './workqueue'

export {
  createControllerManagerState,
  type ControllerManagerState,
} from './controller-manager-state'

// A failed auth controller write is retried after a second.
const AUTH_RETRY_MS = 1_000

/**
 * Leadership acquired: build each controller's client (its ServiceAccount and token, as
 * --use-service-account-credentials does), then start the informers and every controller's
 * loops once all of them have one (controllermanager.go StartControllers, then
 * InformerFactory.Start, v1.32).
 */
function startControllers(ctx: ActorContext, state: ControllerManagerState): void {
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `${state.id} holds the Lease kube-system/kube-controller-manager (${state.election.identity}): starting the controllers`,
  })
  for (const controller of CONTROLLERS) requestControllerIdentity(ctx, state.client, controller)
}

function startInformersOnceIdentified(ctx: ActorContext, state: ControllerManagerState): void {
  if (state.controllersStarted) return
  if (!CONTROLLERS.every((c) => state.identities.tokens[c] !== undefined)) return
  state.controllersStarted = true
  startInformers(ctx, state)
  ctx.setTimer(NODE_MONITOR_PERIOD_MS, { name: 'node-monitor' })
}

/**
 * Leadership lost (it could not renew for 10 s): kube-controller-manager exits
 * ("leaderelection lost") and its static Pod is restarted; it comes back as a candidate with
 * empty caches and no tokens.
 */
function restart(ctx: ActorContext, state: ControllerManagerState): void {
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `${state.id}: leaderelection lost (no renewal for 10s); the process exits and restarts as a candidate`,
  })
  Object.assign(state, freshControllers())
  state.client.pending = new Map()
  state.life++
  startElection(ctx, state)
}

function onLifeTimer(ctx: ActorContext, state: ControllerManagerState, timer: TimerBody): void {
  if (onServiceEndpointsTimer(ctx, state, timer)) return
  if (onIdentityTimer(ctx, state.client, timer.name, timer.data)) return
  switch (timer.name) {
    case 'node-monitor':
      runAs(state, 'node-controller', () => monitorNodeHealth(ctx, state))
      ctx.setTimer(NODE_MONITOR_PERIOD_MS, { name: 'node-monitor' })
      return
    case 'noexecute-tainting':
      runAs(state, 'node-controller', () => noExecuteTaintingPass(ctx, state))
      return
    case 'taint-evict':
      runAs(state, 'taint-eviction-controller', () =>
        onTaintEvictTimer(ctx, state, timer.data as { key: string; seq: number }),
      )
      return
    case 'auth-sync':
      state.authSyncScheduled = false
      reconcileAuthObjects(ctx, state)
      return
    case 'workqueue': {
      const queue = queuesOf(state)[String(timer.data)]
      if (queue) syncOne(ctx, state, queue)
      return
    }
    case 'workqueue-add': {
      const { queue, key } = timer.data as { queue: string; key: string }
      const target = queuesOf(state)[queue]
      if (target) enqueue(ctx, target, key)
      return
    }
    default:
      onInformerTimer(ctx, state, timer)
  }
}

function onLifeResponse(
  ctx: ActorContext,
  state: ControllerManagerState,
  purpose: string,
  data: unknown,
  code: number,
  body: unknown,
): void {
  if (onIdentityResponse(ctx, state.client, state.identities, purpose, data, code, body)) {
    startInformersOnceIdentified(ctx, state)
    if (state.controllersStarted) scheduleAuthSync(ctx, state)
    return
  }
  if (onAuthControllerResponse(state, purpose, data)) {
    if (code >= 300 && code !== 409) ctx.setTimer(AUTH_RETRY_MS, { name: 'auth-sync' })
    return
  }
  onResponse(ctx, state, purpose, data, code, body)
}

/**
 * kube-controller-manager: one process hosting the reconcilers. Each controller has event
 * handlers on the shared informers and a work queue its worker drains one key at a time. Only
 * the instance holding the leader Lease runs them (--leader-elect, on by default). The shared
 * informers list and watch as system:kube-controller-manager; each controller writes as its
 * own ServiceAccount.
 */
export const kubeControllerManager: Behaviour<ControllerManagerState> = {
  start(ctx, state) {
    Object.assign(state, freshControllers())
    state.client.pending = new Map()
    state.life++
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
        if (election.outcome === 'became-leader') startControllers(ctx, state)
        return
      }
      const listed = onInformerResponse(ctx, state, pending, body)
      if (listed) {
        for (const change of listed.changes) onChange(ctx, state, listed.informer, change)
        if (isAuthInformer(listed.informer)) scheduleAuthSync(ctx, state)
      } else onLifeResponse(ctx, state, pending.purpose, pending.data, body.code, body.body)
    } else if (body.type === 'watch-event') {
      const hit = onInformerWatch(ctx, state, body)
      if (hit) onChange(ctx, state, hit.informer, hit.change)
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
