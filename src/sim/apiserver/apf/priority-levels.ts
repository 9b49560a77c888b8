import type { AuthenticatedUser } from '../authz/attributes'

/**
 * API Priority and Fairness: the priority levels of v1.32's default (bootstrap) configuration and
 * the FlowSchemas that send the simulation's clients to them.
 * Source: staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go (v1.32)
 */
export const PRIORITY_LEVELS = [
  'exempt',
  'system',
  'node-high',
  'leader-election',
  'workload-high',
  'workload-low',
  'global-default',
  'catch-all',
] as const
export type PriorityLevelName = (typeof PRIORITY_LEVELS)[number]

export interface PriorityLevelConfig {
  /** nominalConcurrencyShares (NCS); exempt has none: it is not limited. */
  shares: number
  /** Queuing: queues, handSize, queueLengthLimit; undefined means LimitResponse Reject. */
  queuing?: { queues: number; handSize: number; queueLengthLimit: number }
}

// The bootstrap PriorityLevelConfigurations (default.go, v1.32): shares, queues / hand size /
// queue length limit. catch-all rejects what it cannot run at once (LimitResponse Reject).
export const PRIORITY_LEVEL_CONFIG: Readonly<Record<PriorityLevelName, PriorityLevelConfig>> = {
  exempt: { shares: 0 },
  system: { shares: 30, queuing: { queues: 64, handSize: 6, queueLengthLimit: 50 } },
  'node-high': { shares: 40, queuing: { queues: 64, handSize: 6, queueLengthLimit: 50 } },
  'leader-election': { shares: 10, queuing: { queues: 16, handSize: 4, queueLengthLimit: 50 } },
  'workload-high': { shares: 40, queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } },
  'workload-low': { shares: 100, queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } },
  'global-default': { shares: 20, queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } },
  'catch-all': { shares: 5 },
}

// --max-requests-inflight 400 and --max-mutating-requests-inflight 200: with APF on, their sum
// is the server's concurrency limit. Source: staging/src/k8s.io/apiserver/pkg/server/config.go
// NewConfig MaxRequestsInFlight / MaxMutatingRequestsInFlight, and options/server_run_options.go
// (v1.32: "the sum of these two flags is the server's total concurrency limit").
export const DEFAULT_MAX_REQUESTS_INFLIGHT = 400
export const DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT = 200

const TOTAL_SHARES = PRIORITY_LEVELS.reduce((sum, l) => sum + PRIORITY_LEVEL_CONFIG[l].shares, 0)

/**
 * NominalCL(l) = ceil(ServerCL × NCS(l) / ΣNCS): apf_controller.go (v1.32). Borrowing between
 * levels (lendablePercent / borrowingLimitPercent) is not modelled: each level keeps its own.
 */
export function nominalConcurrencyLimit(level: PriorityLevelName, serverSeats: number): number {
  const shares = PRIORITY_LEVEL_CONFIG[level].shares
  if (shares === 0) return Infinity
  return Math.ceil((serverSeats * shares) / TOTAL_SHARES)
}

/** What a request is, for classification: who sent it and what it touches. */
export interface FlowRequest {
  user: AuthenticatedUser
  resource: string
  namespace?: string | undefined
}

const KUBE_SYSTEM_SA = 'system:serviceaccount:kube-system:'

/**
 * The matching FlowSchema's priority level, by matchingPrecedence (default.go, v1.32): exempt
 * (system:masters), system-leader-election, workload-leader-election, system-node-high,
 * system-nodes, kube-controller-manager, kube-scheduler, kube-system-service-accounts,
 * service-accounts, global-default, catch-all.
 */
export function classify(request: FlowRequest): { level: PriorityLevelName; flowSchema: string } {
  const { user, resource, namespace } = request
  const groups = user.groups
  const leaseInKubeSystem = resource === 'leases' && namespace === 'kube-system'
  if (groups.includes('system:masters')) return { level: 'exempt', flowSchema: 'exempt' }
  const isControlPlane =
    user.name === 'system:kube-controller-manager' || user.name === 'system:kube-scheduler'
  if (isControlPlane && leaseInKubeSystem)
    return { level: 'leader-election', flowSchema: 'system-leader-election' }
  if (user.name.startsWith(KUBE_SYSTEM_SA) && leaseInKubeSystem)
    return { level: 'leader-election', flowSchema: 'workload-leader-election' }
  if (groups.includes('system:nodes')) {
    const nodeHigh =
      resource === 'nodes' || (resource === 'leases' && namespace === 'kube-node-lease')
    return nodeHigh
      ? { level: 'node-high', flowSchema: 'system-node-high' }
      : { level: 'system', flowSchema: 'system-nodes' }
  }
  if (user.name === 'system:kube-controller-manager')
    return { level: 'workload-high', flowSchema: 'kube-controller-manager' }
  if (user.name === 'system:kube-scheduler')
    return { level: 'workload-high', flowSchema: 'kube-scheduler' }
  if (user.name.startsWith(KUBE_SYSTEM_SA))
    return { level: 'workload-high', flowSchema: 'kube-system-service-accounts' }
  if (groups.includes('system:serviceaccounts'))
    return { level: 'workload-low', flowSchema: 'service-accounts' }
  if (user.name !== 'system:anonymous' || groups.includes('system:authenticated'))
    return { level: 'global-default', flowSchema: 'global-default' }
  return { level: 'catch-all', flowSchema: 'catch-all' }
}
