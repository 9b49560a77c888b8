import { componentCredential } from '../apiserver/authn/credentials'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
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
}

export function createSchedulerState(apiServer: string, rng: ActorBase['rng']): SchedulerState {
  return {
    id: 'kube-scheduler',
    kind: 'kube-scheduler',
    host: 'control-plane',
    running: false,
    rng,
    client: createApiClient(componentCredential('system:kube-scheduler'), apiServer),
    informers: {
      pods: createInformer('pods', '/api/v1/pods'),
      nodes: createInformer('nodes', '/api/v1/nodes'),
    },
    cache: createSchedulerCache(),
    queue: createSchedulingQueue(0),
    nextStartNodeIndex: 0,
    cycleScheduled: false,
    decisions: createDecisionLog(),
  }
}
