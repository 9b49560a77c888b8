import type { DecisionRecord, NodeRecord } from '../../protocol/records'
import { formatBytes, formatMilliCpu } from './quantities'

/** A concrete thing the user can do; `command` is a kubectl line the panel can run for them. */
export interface Fix {
  text: string
  command?: string
  /** A manifest snippet to add to the Pod (tolerations, priorityClassName ...). */
  snippet?: string
}

/** One FailedScheduling reason, in plain language, with the nodes it hit and the fixes. */
export interface WhyGroup {
  reason: string
  count: number
  nodes: string[]
  plain: string
  fixes: Fix[]
}

export interface WhyPending {
  headline: string
  groups: WhyGroup[]
  /** Advice that is not about one reason (preemption, priority). */
  general: Fix[]
}

const TAINT_REASON = /^node\(s\) had untolerated taint \{(.*?): (.*?)\}$/

const nodeList = (nodes: string[], count: number) =>
  nodes.join(', ') + (count > nodes.length ? ` and ${count - nodes.length} more` : '')

// ValidatePodUpdate (v1.32): requests, nodeSelector, affinity and priority are immutable on a live
// Pod; tolerations may only be added.
const DELETE_RECREATE = ' (this cannot change on a live Pod: delete it and apply it again)'
const ADD_TOLERATION = ' (tolerations may be added to a live Pod: apply it again with this added)'

const tooBig = (d: DecisionRecord, resource: 'cpu' | 'memory'): boolean =>
  resource === 'cpu'
    ? d.requests.milliCpu > d.largestAllocatable.milliCpu
    : d.requests.memoryBytes > d.largestAllocatable.memoryBytes

function resourceGroup(d: DecisionRecord, resource: 'cpu' | 'memory', count: number): WhyGroup {
  const isCpu = resource === 'cpu'
  const want = isCpu ? formatMilliCpu(d.requests.milliCpu) : formatBytes(d.requests.memoryBytes)
  const free = isCpu
    ? formatMilliCpu(d.largestFree.milliCpu)
    : formatBytes(d.largestFree.memoryBytes)
  return {
    reason: `Insufficient ${resource}`,
    count,
    nodes: [],
    plain: `${count} node(s) do not have enough free ${isCpu ? 'CPU' : 'memory'}: the Pod requests ${want}, and the most any node has free is ${free}.`,
    fixes: [
      { text: `Lower the Pod’s ${resource} request to ${free} or less${DELETE_RECREATE}.` },
      ...(tooBig(d, resource)
        ? [
            {
              text: `No node has that much ${resource} even when empty: deleting Pods or preemption cannot help.`,
            },
          ]
        : [{ text: 'Free room: delete or scale down other Pods on these nodes.' }]),
      { text: `Give a node more ${resource} (Nodes tab → capacity).` },
    ],
  }
}

function taintGroup(
  reason: string,
  key: string,
  value: string,
  count: number,
  nodes: string[],
  nodeRecords: Record<string, NodeRecord>,
): WhyGroup {
  const taint = nodes
    .flatMap((n) => nodeRecords[n]?.taints ?? [])
    .find((t) => t.startsWith(value ? `${key}=${value}:` : `${key}:`))
  const effect = taint?.split(':').pop() ?? 'NoSchedule'
  const shown = value ? `${key}=${value}:${effect}` : `${key}:${effect}`
  return {
    reason,
    count,
    nodes,
    plain: `${count} node(s) carry the taint ${shown}, and the Pod has no toleration for it.`,
    fixes: [
      {
        text: `Add a toleration for ${shown} to the Pod${ADD_TOLERATION}:`,
        snippet: `tolerations:\n- key: ${key}\n  operator: ${value ? `Equal\n  value: ${value}` : 'Exists'}\n  effect: ${effect}`,
      },
      ...nodes.slice(0, 3).map((n) => ({
        text: `Or remove the taint from ${n}`,
        command: `taint nodes ${n} ${key}:${effect}-`,
      })),
    ],
  }
}

function groupFor(
  d: DecisionRecord,
  reason: string,
  count: number,
  nodes: string[],
  nodeRecords: Record<string, NodeRecord>,
): WhyGroup {
  const base = { reason, count, nodes }
  if (reason === 'Insufficient cpu') return { ...resourceGroup(d, 'cpu', count), nodes }
  if (reason === 'Insufficient memory') return { ...resourceGroup(d, 'memory', count), nodes }
  const taint = TAINT_REASON.exec(reason)
  if (taint) return taintGroup(reason, taint[1] ?? '', taint[2] ?? '', count, nodes, nodeRecords)
  if (reason === 'node(s) were unschedulable') {
    return {
      ...base,
      plain: `${count} node(s) are cordoned (spec.unschedulable): the scheduler places no new Pods there.`,
      fixes: nodes.slice(0, 4).map((n) => ({ text: `Uncordon ${n}`, command: `uncordon ${n}` })),
    }
  }
  if (reason === 'Too many pods') {
    return {
      ...base,
      plain: `${count} node(s) already run as many Pods as they allow (status.allocatable.pods, the kubelet’s --max-pods).`,
      fixes: [{ text: 'Delete Pods you do not need, or raise the node’s max pods (Nodes tab).' }],
    }
  }
  if (reason === "node(s) didn't match Pod's node affinity/selector") {
    const selector = Object.entries(d.nodeSelector)
    const label = selector.map(([k, v]) => `${k}=${v}`).join(' ')
    return {
      ...base,
      plain: `${count} node(s) lack the labels the Pod asks for${label ? ` (nodeSelector ${label})` : ' (node affinity)'}.`,
      fixes: [
        ...(label
          ? nodes
              .slice(0, 2)
              .map((n) => ({ text: `Label ${n}`, command: `label nodes ${n} ${label}` }))
          : []),
        { text: `Or remove or relax the Pod’s nodeSelector / node affinity${DELETE_RECREATE}.` },
      ],
    }
  }
  return {
    ...base,
    plain: `${count} ${reason}.`,
    fixes: [{ text: 'See the plugin’s rule in the decision matrix.' }],
  }
}

/**
 * Preemption can only remove Pods: it helps when the request fits some node's allocatable and
 * the rejections are Unschedulable (resources, pod count), not …AndUnresolvable (taints, cordon).
 */
function preemptionCouldHelp(d: DecisionRecord): boolean {
  const resourceBound = d.reasons.some(
    (r) => r.reason.startsWith('Insufficient') || r.reason === 'Too many pods',
  )
  return (
    resourceBound &&
    d.requests.milliCpu <= d.largestAllocatable.milliCpu &&
    d.requests.memoryBytes <= d.largestAllocatable.memoryBytes
  )
}

/** Preemption advice: only Unschedulable (not …AndUnresolvable) rejections can be preempted away. */
function generalFixes(d: DecisionRecord): Fix[] {
  const fixes: Fix[] = []
  if (d.preemption?.nominatedNode) {
    fixes.push({
      text: `Preemption nominated ${d.preemption.nominatedNode}: ${d.preemption.victims.length} lower-priority Pod(s) are being evicted (${d.preemption.victims.join(', ')}); the Pod will be retried there.`,
    })
  } else if (preemptionCouldHelp(d)) {
    fixes.push({
      text: `Raise the Pod’s priority (priorityClassName; it now has ${d.priority}) so preemption can evict lower-priority Pods to make room${DELETE_RECREATE}.`,
    })
  }
  return fixes
}

/** "Why is this Pod Pending?", from the scheduler's last decision about it. Pure. */
export function explainPending(
  d: DecisionRecord,
  nodeRecords: Record<string, NodeRecord>,
): WhyPending {
  const groups = d.reasons.map((r) => groupFor(d, r.reason, r.count, r.nodes, nodeRecords))
  for (const p of d.preFilterRejections) {
    groups.push({
      reason: p.reasons.join(', '),
      count: d.numAllNodes,
      nodes: [],
      plain: `${p.plugin} rejected the Pod before looking at any node: ${p.reasons.join(', ')}.`,
      fixes: [],
    })
  }
  return {
    headline: `No node fits: 0 of ${d.numAllNodes} node(s) passed every filter.`,
    groups,
    general: generalFixes(d),
  }
}

export { nodeList }
