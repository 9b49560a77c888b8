/**
 * The in-tree plugin registry: plugin name -> stateless plugin object.
 * Source: pkg/scheduler/framework/plugins/registry.go NewInTreeRegistry (v1.32)
 */
import type { AnyPlugin } from './interface'
import { nodeUnschedulable } from '../plugins/node-unschedulable/node-unschedulable'
import { nodeName } from '../plugins/node-name/node-name'
import { nodePorts } from '../plugins/node-ports/node-ports'
import { taintToleration } from '../plugins/taint-toleration/taint-toleration'
import { nodeAffinity } from '../plugins/node-affinity/node-affinity'
import { nodeResourcesFit } from '../plugins/node-resources-fit/node-resources-fit'
import { nodeResourcesBalancedAllocation } from '../plugins/node-resources-balanced-allocation/node-resources-balanced-allocation'
import { imageLocality } from '../plugins/image-locality/image-locality'
import { podTopologySpread } from '../plugins/pod-topology-spread/pod-topology-spread'
import { interPodAffinity } from '../plugins/inter-pod-affinity/inter-pod-affinity'
import { defaultBinder } from '../plugins/default-binder/default-binder'
import { defaultPreemption } from '../plugins/default-preemption/default-preemption'

const PLUGINS: readonly AnyPlugin[] = [
  nodeUnschedulable,
  nodeName,
  nodePorts,
  taintToleration,
  nodeAffinity,
  nodeResourcesFit,
  nodeResourcesBalancedAllocation,
  imageLocality,
  podTopologySpread,
  interPodAffinity,
  defaultPreemption,
  defaultBinder,
]

const REGISTRY: Readonly<Record<string, AnyPlugin>> = Object.fromEntries(
  PLUGINS.map((p) => [p.name, p]),
)

/** The plugin registered under `name`, or undefined (a profile naming it is misconfigured). */
export function lookupPlugin(name: string): AnyPlugin | undefined {
  return REGISTRY[name]
}

export function registeredPluginNames(): string[] {
  return Object.keys(REGISTRY)
}
