import { componentCredential } from '../apiserver/authn/credentials'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
import {
  createLeaderElection,
  electionIdentity,
  type LeaderElectionState,
} from '../runtime/leader-election'
import { createSchedulerCache, type SchedulerCache } from './cache'
import { createDecisionLog, type DecisionLog } from './decision-log'
import { createSchedulingQueue, type SchedulingQueue } from './queue'

/** kube-scheduler's state: informers, the scheduler cache, the scheduling queue. Plain data. */
export interface SchedulerState extends ActorBase {
  kind: 'kube-scheduler'
  client: ApiClientState
  informers: Record<string, InformerState>
  cache: SchedulerCache
  queue: SchedulingQueue
  /** Where the next cycle starts looking at nodes (the rotating start index). */
  nextStartNodeIndex: number
  cycleScheduled: boolean
  /** The queue-flush timer currently armed, so stale timers are ignored. */
  wakeupAtMs?: number | undefined
  /** Recent decisions, summarized for the decision view (the full records are not kept). */
  decisions: DecisionLog
  /** The Lease kube-system/kube-scheduler: only the holder schedules (--leader-elect). */
  election: LeaderElectionState
  /** Bumped when the process restarts after losing leadership; older timers are ignored. */
  life: number
}

/** The caches, queue and informers a scheduler process builds when it starts. */
export function freshScheduler(nowMs: number) {
  return {
    informers: {
      pods: createInformer('pods', '/api/v1/pods'),
      nodes: createInformer('nodes', '/api/v1/nodes'),
    },
    cache: createSchedulerCache(),
    queue: createSchedulingQueue(nowMs),
    nextStartNodeIndex: 0,
    cycleScheduled: false,
    wakeupAtMs: undefined,
  }
}

/**
 * One kube-scheduler instance: "kube-scheduler" on "control-plane"; HA clusters add
 * "kube-scheduler-2" on "control-plane-2", and so on.
 */
export function createSchedulerState(
  apiServer: string,
  rng: ActorBase['rng'],
  instance = 1,
): SchedulerState {
  const host = instance === 1 ? 'control-plane' : `control-plane-${instance}`
  return {
    id: instance === 1 ? 'kube-scheduler' : `kube-scheduler-${instance}`,
    kind: 'kube-scheduler',
    host,
    running: false,
    rng,
    client: createApiClient(componentCredential('system:kube-scheduler'), apiServer),
    ...freshScheduler(0),
    decisions: createDecisionLog(),
    election: createLeaderElection('kube-scheduler', electionIdentity(host, rng)),
    life: 0,
  }
}
