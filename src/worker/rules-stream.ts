import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import type { RulesRecord } from '../protocol/records'
import type { TraceSlice } from './frame-builder'

/**
 * The rules view's node: its Service rules go into a frame only when they may have changed —
 * the watch changed, the history was reset, its kube-proxy wrote rules, a component started or
 * stopped, or traffic moved IPVS connection counts. Rendering the text is the costly part, so
 * nothing is rendered for nodes nobody looks at.
 */
export class RulesStream {
  private node: string | undefined
  private dirty = false

  watch(node: string | null): void {
    this.node = node ?? undefined
    this.dirty = true
  }

  /** The workloads' part of a frame: traffic results, `logs -f` output, the watched rules. */
  addWorkloads(sim: Simulation, frame: Frame, slice: TraceSlice): void {
    if (slice.traffic.length > 0) frame.traffic = slice.traffic
    if (slice.kubectlStream.length > 0) frame.kubectlStream = slice.kubectlStream
    const rules = this.next(sim, {
      reset: frame.reset !== undefined,
      syncedNodes: slice.proxySynced,
      traffic: slice.traffic.length > 0,
      components: frame.components !== undefined,
    })
    if (rules) frame.rules = rules
  }

  next(
    sim: Simulation,
    changes: {
      reset: boolean
      syncedNodes: readonly string[]
      traffic: boolean
      components: boolean
    },
  ): RulesRecord | undefined {
    const node = this.node
    if (node === undefined) return undefined
    const changed =
      this.dirty ||
      changes.reset ||
      changes.syncedNodes.includes(node) ||
      changes.traffic ||
      changes.components
    if (!changed) return undefined
    this.dirty = false
    return sim.kubeProxyRules(node)
  }
}
