/**
 * client-go leader election on a Lease, as kube-controller-manager and kube-scheduler run it:
 * every instance tries to acquire kube-system/<component> every 2 s (jittered ×1.2); the holder
 * renews every 2 s and gives up when it could not renew for 10 s; a standby takes over once the
 * holder's record is 15 s old by its own clock.
 * Sources (v1.32): staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go
 * (tryAcquireOrRenew, acquire, renew, JitterFactor = 1.2), resourcelock/leaselock.go,
 * component-base config v1alpha1 RecommendedDefaultLeaderElectionConfiguration (15/10/2 s).
 */
import { nextUid } from '../core/ids'
import { nextFloat, type RngState } from '../core/rng'
import { formatRfc3339Micro, rfc3339ToSimTime, SIM_EPOCH_UNIX_MS } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { callApi, type ApiClientState, type PendingCall } from './api-client'
import { recordEvent } from './events-recorder'
import type { HttpResponse } from './messages'

export const LEASE_DURATION_MS = 15_000
export const RENEW_DEADLINE_MS = 10_000
export const RETRY_PERIOD_MS = 2_000
const JITTER_FACTOR = 1.2

export interface LeaderElectionState {
  /** The lock: kube-system/<name>. */
  name: string
  /** "<host>_<uuid>", as kube-controller-manager builds it. */
  identity: string
  role: 'candidate' | 'leader'
  /** The Lease as last read or written (its resourceVersion makes the update safe). */
  lease?: KubeObject
  /** When this instance last saw the record change (observedTime, by its own clock). */
  observedAtMs: number
  observedRecord?: string
  /** When the leader last renewed successfully. */
  renewedAtMs: number
  inFlight?: number
  /** Bumped on every (re)start so timers of an earlier life are ignored. */
  epoch: number
}

export function createLeaderElection(name: string, identity: string): LeaderElectionState {
  return { name, identity, role: 'candidate', observedAtMs: 0, renewedAtMs: 0, epoch: 0 }
}

/**
 * "<host>_<uuid>": the identity kube-controller-manager and kube-scheduler elect with; each
 * process start draws a new uuid. It comes from a copy of the component's random stream (the
 * `starts`-th draw), so the stream itself is not advanced.
 */
export function electionIdentity(host: string, rng: RngState, starts = 1): string {
  const copy = { ...rng }
  let uid = nextUid(copy)
  for (let i = 1; i < starts; i++) uid = nextUid(copy)
  return `${host}_${uid}`
}

export type ElectionOutcome = 'became-leader' | 'lost' | undefined

interface ElectionHost {
  client: ApiClientState
  rng: RngState
  election: LeaderElectionState
}

const leasePath = (name: string) =>
  `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`

interface LeaseSpec {
  holderIdentity?: string
  leaseDurationSeconds?: number
  acquireTime?: string
  renewTime?: string
  leaseTransitions?: number
}

/** Start (or restart) as a candidate: try at once, then every retry period. */
export function startElection(ctx: ActorContext, host: ElectionHost): void {
  const e = host.election
  e.role = 'candidate'
  e.epoch++
  // A restarted process is a new candidate: uuid.NewUUID() in its identity again.
  if (e.epoch > 1)
    e.identity = electionIdentity(e.identity.slice(0, e.identity.indexOf('_')), host.rng, e.epoch)
  delete e.inFlight
  delete e.lease
  delete e.observedRecord
  tryAcquireOrRenew(ctx, host)
  arm(ctx, host)
}

function arm(ctx: ActorContext, host: ElectionHost): void {
  const e = host.election
  // The leader renews every RetryPeriod; a candidate retries with JitterFactor 1.2 (sliding).
  const delay =
    e.role === 'leader'
      ? RETRY_PERIOD_MS
      : RETRY_PERIOD_MS * (1 + JITTER_FACTOR * nextFloat(host.rng))
  ctx.setTimer(delay, { name: 'leader-election', data: e.epoch })
}

function tryAcquireOrRenew(ctx: ActorContext, host: ElectionHost): void {
  const e = host.election
  if (e.inFlight !== undefined) host.client.pending.delete(e.inFlight)
  // The leader's fast path: update optimistically from the record it wrote last time.
  if (e.role === 'leader' && e.lease && e.observedAtMs + LEASE_DURATION_MS > ctx.nowMs) {
    const spec = (e.lease['spec'] ?? {}) as LeaseSpec
    e.inFlight = callApi(
      ctx,
      host.client,
      {
        method: 'PUT',
        path: leasePath(e.name),
        body: leaseFor(e, spec, ctx.nowMs),
        label: `PUT leases/${e.name} (renew)`,
      },
      { purpose: 'le-write', data: e.epoch },
    )
    return
  }
  e.inFlight = callApi(
    ctx,
    host.client,
    { method: 'GET', path: leasePath(e.name), label: `GET leases/${e.name} (leader election)` },
    { purpose: 'le-get', data: e.epoch },
  )
}

function leaseFor(e: LeaderElectionState, spec: LeaseSpec, nowMs: number): KubeObject {
  const now = formatRfc3339Micro(SIM_EPOCH_UNIX_MS + nowMs)
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: e.name,
      namespace: 'kube-system',
      ...(e.lease?.metadata?.resourceVersion !== undefined
        ? { resourceVersion: e.lease.metadata.resourceVersion }
        : {}),
    },
    spec: {
      holderIdentity: e.identity,
      leaseDurationSeconds: LEASE_DURATION_MS / 1000,
      acquireTime: spec.holderIdentity === e.identity ? (spec.acquireTime ?? now) : now,
      renewTime: now,
      leaseTransitions:
        spec.holderIdentity === e.identity || spec.holderIdentity === undefined
          ? (spec.leaseTransitions ?? 0)
          : (spec.leaseTransitions ?? 0) + 1,
    },
  }
}

/** A GET answered: create, take over, renew, or wait for the holder's lease to run out. */
function onRead(ctx: ActorContext, host: ElectionHost, response: HttpResponse): void {
  const e = host.election
  if (response.code === 404) {
    e.inFlight = callApi(
      ctx,
      host.client,
      {
        method: 'POST',
        path: `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases`,
        body: leaseFor(e, {}, ctx.nowMs),
        label: `POST leases (${e.name}: acquire)`,
      },
      { purpose: 'le-write', data: e.epoch },
    )
    return
  }
  if (response.code !== 200) return
  e.lease = response.body as KubeObject
  const spec = (e.lease['spec'] ?? {}) as LeaseSpec
  const record = JSON.stringify(spec)
  if (record !== e.observedRecord) {
    e.observedRecord = record
    e.observedAtMs = ctx.nowMs
  }
  const duration = (spec.leaseDurationSeconds ?? 15) * 1000
  const heldByOther =
    spec.holderIdentity !== undefined &&
    spec.holderIdentity !== '' &&
    spec.holderIdentity !== e.identity
  if (heldByOther && e.observedAtMs + duration > ctx.nowMs) return
  e.inFlight = callApi(
    ctx,
    host.client,
    {
      method: 'PUT',
      path: leasePath(e.name),
      body: leaseFor(e, spec, ctx.nowMs),
      label: `PUT leases/${e.name} (${heldByOther ? 'take over' : e.role === 'leader' ? 'renew' : 'acquire'})`,
    },
    { purpose: 'le-write', data: e.epoch },
  )
}

/** Routes a leader-election response; returns undefined when it was not one of ours. */
export function onElectionResponse(
  ctx: ActorContext,
  host: ElectionHost,
  pending: PendingCall,
  response: HttpResponse,
): { handled: boolean; outcome: ElectionOutcome } {
  const e = host.election
  if (pending.purpose !== 'le-get' && pending.purpose !== 'le-write')
    return { handled: false, outcome: undefined }
  if (pending.data !== e.epoch || e.inFlight !== response.requestId)
    return { handled: true, outcome: undefined }
  delete e.inFlight
  if (pending.purpose === 'le-get') {
    onRead(ctx, host, response)
    return { handled: true, outcome: undefined }
  }
  if (response.code !== 200 && response.code !== 201) {
    // A failed optimistic renewal falls back to reading the Lease next time (the slow path).
    delete e.lease
    return { handled: true, outcome: undefined }
  }
  e.lease = response.body as KubeObject
  e.observedRecord = JSON.stringify(e.lease['spec'])
  e.observedAtMs = ctx.nowMs
  e.renewedAtMs = ctx.nowMs
  if (e.role === 'leader') return { handled: true, outcome: undefined }
  e.role = 'leader'
  recordEvent(
    ctx,
    host.client,
    e.lease,
    'Normal',
    'LeaderElection',
    `${e.identity} became leader`,
    { component: e.name },
  )
  return { handled: true, outcome: 'became-leader' }
}

/** The retry timer: try again, and as leader give up once renewing failed for 10 s. */
export function onElectionTimer(
  ctx: ActorContext,
  host: ElectionHost,
  epoch: unknown,
): ElectionOutcome {
  const e = host.election
  if (epoch !== e.epoch) return undefined
  if (e.role === 'leader' && ctx.nowMs - e.renewedAtMs >= RENEW_DEADLINE_MS) {
    e.role = 'candidate'
    return 'lost'
  }
  tryAcquireOrRenew(ctx, host)
  arm(ctx, host)
  return undefined
}

/** The holder's identity and how stale the record looks, for the UI. */
export function leaseHolder(lease: KubeObject | undefined): { holder: string; renewMs?: number } {
  const spec = (lease?.['spec'] ?? {}) as LeaseSpec
  const renewMs = rfc3339ToSimTime(spec.renewTime ?? '')
  return { holder: spec.holderIdentity ?? '', ...(renewMs !== undefined ? { renewMs } : {}) }
}
