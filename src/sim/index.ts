/**
 * The headless simulation API: build a cluster from options, act on it, let virtual time pass,
 * read what it holds and what it did. Everything the UI can do goes through `dispatch`.
 */
export { createSimulation, Simulation } from './simulation'
export { SCALE_TRACE_LIMIT } from './trace-log'
export type { SimulationOptions, KubectlResult, FollowUp } from './simulation'
export type { ApiRequest, ApiResponse } from './client-calls'
export type { LoadMetersView, ApiServerLoad, PriorityLevelLoad } from './load-meters'
export type { ListCost } from './apiserver/apf/meters'
export type { LastList } from './kubectl/get-pages'
export type { ClusterOptions } from './cluster'
export type { EtcdClusterView, EtcdMemberView, LogEntryView } from './etcd/member-view'
export type { EtcdRaftOptions } from './etcd/member-state'
export type { SimAction, RecordedAction, RequestAuth } from './actions'
export { summarizeAction } from './actions'
export type { SimEvent, SimEventPayload } from './events'
export type { FlowStep, ObjectRef } from './network/types'
export type { ClusterSnapshot, ComponentInfo, StoreChange } from './snapshot'
export type { ComponentKind } from './runtime/actor'
export type { KubeObject } from './model/objects'
export { summarizePod } from './printers/pod-table'
export { nodeStatus } from './printers/node-table'
export {
  formatMilliCpu,
  formatBytes,
  parseMilliValue,
  parseValue,
  quantityText,
} from './model/quantity'
export { rfc3339ToSimTime } from './core/time'
export type { SchedulerView, QueueSummary } from './scheduler/scheduler-view'
export type {
  DecisionSummary,
  DecisionRow,
  FilterVerdict,
  ReasonGroup,
  ScoreTriple,
} from './scheduler/decision-summary'
export type { QueuedPodView } from './scheduler/queue-view'
export type { CapacityChange } from './kubelet/capacity'
// For the served API server (src/server): what it serves, and kube-apiserver's own errors.
export { allResources, apiVersionOf, findResource } from './apiserver/resources'
export type { ResourceInfo } from './apiserver/resources'
export { MAX_REQUEST_BODY_BYTES, bodyTooLarge } from './apiserver/request-body'
export { failure as apiFailure, unauthorized } from './apiserver/status'
export type { ApiError } from './apiserver/status'
export type { NodeRulesView } from './kube-proxy/rules-view'
export type { ApiServerStatus } from './etcd-inspector'
export type { StoredValueView } from './etcd-inspector'
export type { KubeconfigView, KubeconfigUserView } from './kubectl/kubeconfig-view'
export type { AuthorizationRecord } from './apiserver/authz/record'
export type { ExplainedBinding, ExplainedRule } from './apiserver/rbac/explain'
export type { ContainerView } from './kubelet/containers-view'
