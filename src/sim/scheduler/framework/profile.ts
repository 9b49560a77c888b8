/**
 * A scheduler profile as plain data: the plugins in MultiPoint order with score weights, and
 * the plugin args. Each plugin takes part in every extension point it implements, as MultiPoint
 * expansion does upstream.
 * Source: pkg/scheduler/apis/config/v1/default_plugins.go and defaults.go (v1.32)
 */
import { Names } from './names'

export interface ResourceSpec {
  name: string
  weight: number
}

export interface UtilizationShapePoint {
  /** 0..100 */
  utilization: number
  /** 0..10 (MaxCustomPriorityScore); scaled by 10 to 0..100 */
  score: number
}

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio'

export interface NodeResourcesFitArgs {
  ignoredResources: string[]
  scoringStrategy: {
    type: ScoringStrategyType
    resources: ResourceSpec[]
    requestedToCapacityRatio?: { shape: UtilizationShapePoint[] }
  }
}

export interface PodTopologySpreadConstraintArgs {
  maxSkew: number
  topologyKey: string
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'
}

export interface PluginArgs {
  NodeResourcesFit: NodeResourcesFitArgs
  NodeResourcesBalancedAllocation: { resources: ResourceSpec[] }
  InterPodAffinity: { hardPodAffinityWeight: number }
  DefaultPreemption: { minCandidateNodesPercentage: number; minCandidateNodesAbsolute: number }
  PodTopologySpread: {
    defaultingType: 'System' | 'List'
    defaultConstraints: PodTopologySpreadConstraintArgs[]
  }
}

export interface ProfilePlugin {
  name: string
  /** Score weight; plugins without Score ignore it. */
  weight?: number
}

export interface Profile {
  schedulerName: string
  /** 0..100; undefined uses the global value (0 = adaptive). */
  percentageOfNodesToScore?: number
  plugins: ProfilePlugin[]
  pluginArgs: PluginArgs
}

// DefaultSchedulerName = "default-scheduler": pkg/apis/core/types.go (v1.32)
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler'

/** Default resources [cpu:1, memory:1]: defaultResourceSpec, apis/config/v1/defaults.go (v1.32) */
const DEFAULT_RESOURCE_SPEC: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]

/** Default plugin args: SetDefaults_*Args, pkg/scheduler/apis/config/v1/defaults.go (v1.32). */
export function defaultPluginArgs(): PluginArgs {
  return {
    NodeResourcesFit: {
      ignoredResources: [],
      scoringStrategy: {
        type: 'LeastAllocated',
        resources: DEFAULT_RESOURCE_SPEC.map((r) => ({ ...r })),
      },
    },
    NodeResourcesBalancedAllocation: { resources: DEFAULT_RESOURCE_SPEC.map((r) => ({ ...r })) },
    // HardPodAffinityWeight = 1: SetDefaults_InterPodAffinityArgs (v1.32)
    InterPodAffinity: { hardPodAffinityWeight: 1 },
    // MinCandidateNodesPercentage = 10, MinCandidateNodesAbsolute = 100: SetDefaults_DefaultPreemptionArgs (v1.32)
    DefaultPreemption: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
    // DefaultingType System: SetDefaults_PodTopologySpreadArgs (v1.32)
    PodTopologySpread: { defaultingType: 'System', defaultConstraints: [] },
  }
}

/**
 * The default profile: getDefaultPlugins() MultiPoint list with its weights, restricted to the
 * plugins this model implements (volume plugins, SchedulingGates and PrioritySort are out of scope;
 * queue order is PrioritySort's, built into queue.ts).
 * Weights: TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesBalancedAllocation 1, ImageLocality 1 (default_plugins.go v1.32).
 */
export function defaultProfile(): Profile {
  return {
    schedulerName: DEFAULT_SCHEDULER_NAME,
    plugins: [
      { name: Names.NodeUnschedulable },
      { name: Names.NodeName },
      { name: Names.TaintToleration, weight: 3 },
      { name: Names.NodeAffinity, weight: 2 },
      { name: Names.NodePorts },
      { name: Names.NodeResourcesFit, weight: 1 },
      { name: Names.PodTopologySpread, weight: 2 },
      { name: Names.InterPodAffinity, weight: 2 },
      { name: Names.DefaultPreemption },
      { name: Names.NodeResourcesBalancedAllocation, weight: 1 },
      { name: Names.ImageLocality, weight: 1 },
      { name: Names.DefaultBinder },
    ],
    pluginArgs: defaultPluginArgs(),
  }
}
