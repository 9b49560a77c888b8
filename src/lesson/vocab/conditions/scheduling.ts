import { z } from 'zod'
import { pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import type { DecisionSummary } from '../../../sim/index'
import { defineCondition } from './kind'
import { nameReferences } from './component'

const params = strict({
  /** The Pod's name (or a wildcard), without the namespace. */
  pod: pattern,
  /** scheduled: bound to a node; unschedulable: fits nowhere (Pending). */
  result: z.enum(['scheduled', 'unschedulable']).optional(),
  /** The node it was bound to. */
  node: pattern.optional(),
  /** Text a filter reason or the FailedScheduling message contains: "Insufficient cpu", "untolerated taint". */
  reason: z.string().optional(),
  /** A node this decision filtered out (a taint, a full node, a cordon …). */
  filteredOut: pattern.optional(),
})
type Params = z.infer<typeof params>

function podName(decision: DecisionSummary): string {
  return decision.pod.split('/').pop() ?? decision.pod
}

function rejected(decision: DecisionSummary, node: string): string[] {
  const row = decision.rows.find((r) => r.node === node)
  if (row) return row.filter.flatMap((v) => (typeof v === 'object' ? v.reasons : []))
  return decision.reasons.filter((g) => g.nodes.includes(node)).map((g) => g.reason)
}

function matchesDecision(p: Params, d: DecisionSummary): boolean {
  if (!matches(p.pod, podName(d))) return false
  if (p.result === 'scheduled' && d.selectedNode === null) return false
  if (p.result === 'unschedulable' && d.selectedNode !== null) return false
  if (p.node !== undefined && (d.selectedNode === null || !matches(p.node, d.selectedNode)))
    return false
  if (p.reason !== undefined) {
    const texts = [d.failureMessage ?? '', ...d.reasons.map((g) => g.reason)]
    if (!texts.some((t) => t.includes(p.reason ?? ''))) return false
  }
  if (p.filteredOut !== undefined) {
    const nodes = [...d.rows.map((r) => r.node), ...d.reasons.flatMap((g) => g.nodes)]
    const out = nodes.filter((n) => matches(p.filteredOut ?? '', n) && rejected(d, n).length > 0)
    if (out.length === 0) return false
  }
  return true
}

function summary(d: DecisionSummary): string {
  if (d.selectedNode !== null) return `${podName(d)} → ${d.selectedNode}`
  return `${podName(d)} unschedulable: ${d.failureMessage ?? d.reasons.map((g) => g.reason).join(', ')}`
}

/** kube-scheduler's decisions since the step began: where a Pod went, or why it fits nowhere. */
export const scheduling = defineCondition<Params>({
  key: 'scheduling',
  help: "kube-scheduler's decisions since the step began: the node chosen, or why none fits",
  params,
  describe: (p) => {
    const pod = `\`${patternText(p.pod)}\``
    if (p.result === 'unschedulable' || (p.reason !== undefined && p.node === undefined))
      return `the scheduler finds no node for ${pod}${p.reason !== undefined ? `: “${p.reason}”` : ''}`
    const where = p.node !== undefined ? ` on ${patternText(p.node)}` : ''
    const avoid = p.filteredOut !== undefined ? `, filtering out ${patternText(p.filteredOut)}` : ''
    return `the scheduler places ${pod}${where}${avoid}`
  },
  compile: (p, base) => {
    let seenSeq = -1
    let verdict = { met: false, why: 'no scheduling decision for it in this step yet' }
    return (facts) => {
      const view = facts.scheduler()
      if (!view || view.decisionSeq === seenSeq || verdict.met) return verdict
      seenSeq = view.decisionSeq
      const mine = view.decisions.filter((d) => d.atMs >= base.atMs && matches(p.pod, podName(d)))
      const hit = mine.find((d) => matchesDecision(p, d))
      const latest = mine[mine.length - 1]
      if (hit) verdict = { met: true, why: summary(hit) }
      else if (latest) verdict = { met: false, why: summary(latest) }
      return verdict
    }
  },
  references: (p) => [
    ...nameReferences(p.node, 'node', 'node'),
    ...nameReferences(p.filteredOut, 'filteredOut', 'node'),
  ],
})
