import { componentCredential } from '../apiserver/authn/credentials'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
import {
  createLeaderElection,
  electionIdentity,
  type LeaderElectionState,
} from '../runtime/leader-election'
import {
  createDaemonSetControllerState,
  type DaemonSetControllerState,
} from './daemonset/daemonset-controller'
import {
  createDeploymentControllerState,
  type DeploymentControllerState,
} from './deployment/deployment-controller'
import { createJobControllerState, type JobControllerState } from './job/job-controller'
import {
  createNodeLifecycleState,
  type NodeLifecycleState,
} from './node-lifecycle/node-lifecycle-controller'
import { createTaintEvictionState, type TaintEvictionState } from './node-lifecycle/taint-eviction'
import {
  createServiceEndpointsState,
  serviceEndpointsInformers,
  type ServiceEndpointsState,
} from './endpointslice/service-endpoints'
import { authInformers, type AuthControllersState } from './auth-controllers'
import { createControllerIdentities, type ControllerIdentities } from './controller-identities'
import {
  createReplicaSetControllerState,
  type ReplicaSetControllerState,
} from './replicaset/replicaset-controller'

/** What the controllers share and keep; all of it is lost when the process restarts. */
export interface ControllerState {
  informers: Record<string, InformerState>
  replicaSets: ReplicaSetControllerState
  deployments: DeploymentControllerState
  jobs: JobControllerState
  nodeLifecycle: NodeLifecycleState
  taintEviction: TaintEvictionState
  daemonSets: DaemonSetControllerState
  /** The EndpointSlice and Endpoints controllers. */
  serviceEndpoints: ServiceEndpointsState
  /** Each controller's ServiceAccount token (--use-service-account-credentials). */
  identities: ControllerIdentities
  /** The ServiceAccount, root CA and ClusterRole aggregation controllers' writes in flight. */
  authControllers: AuthControllersState
  authSyncScheduled: boolean
  /** The informers run: every controller had its token (its client was built). */
  controllersStarted: boolean
}

export interface ControllerManagerState extends ActorBase, ControllerState {
  kind: 'kube-controller-manager'
  client: ApiClientState
  /** The Lease kube-system/kube-controller-manager; only the holder runs the controllers. */
  election: LeaderElectionState
  /** Bumped on every restart, so an earlier life's timers are ignored. */
  life: number
}

/** The shared informers and every controller's empty state. */
export function freshControllers(): ControllerState {
  const owned = { indexes: ['controllerUid'] as const, resyncOnRelist: true }
  return {
    informers: {
      replicasets: createInformer('replicasets', '/apis/apps/v1/replicasets', undefined, owned),
      pods: createInformer('pods', '/api/v1/pods', undefined, {
        indexes: ['controllerUid', 'nodeName'],
        resyncOnRelist: true,
      }),
      deployments: createInformer('deployments', '/apis/apps/v1/deployments', undefined, {
        resyncOnRelist: true,
      }),
      jobs: createInformer('jobs', '/apis/batch/v1/jobs', undefined, { resyncOnRelist: true }),
      daemonsets: createInformer('daemonsets', '/apis/apps/v1/daemonsets', undefined, {
        resyncOnRelist: true,
      }),
      nodes: createInformer('nodes', '/api/v1/nodes', undefined, { resyncOnRelist: true }),
      leases: createInformer(
        'leases',
        '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
      ),
      ...serviceEndpointsInformers(),
      ...authInformers(),
    },
    replicaSets: createReplicaSetControllerState(),
    deployments: createDeploymentControllerState(),
    jobs: createJobControllerState(),
    nodeLifecycle: createNodeLifecycleState(),
    taintEviction: createTaintEvictionState(),
    daemonSets: createDaemonSetControllerState(),
    serviceEndpoints: createServiceEndpointsState(),
    identities: createControllerIdentities(),
    authControllers: { inFlight: {} },
    authSyncScheduled: false,
    controllersStarted: false,
  }
}

/**
 * One kube-controller-manager instance. The first is "kube-controller-manager" on
 * "control-plane"; HA clusters add "kube-controller-manager-2" on "control-plane-2", and so on.
 * Its identity for leader election is "<host>_<uid>", as kube-controller-manager builds it.
 */
export function createControllerManagerState(
  apiServer: string,
  rng: ActorBase['rng'],
  instance = 1,
): ControllerManagerState {
  const id = instance === 1 ? 'kube-controller-manager' : `kube-controller-manager-${instance}`
  const host = instance === 1 ? 'control-plane' : `control-plane-${instance}`
  return {
    id,
    kind: 'kube-controller-manager',
    host,
    running: false,
    rng,
    client: createApiClient(componentCredential('system:kube-controller-manager'), apiServer),
    ...freshControllers(),
    election: createLeaderElection('kube-controller-manager', electionIdentity(host, rng)),
    life: 0,
  }
}
