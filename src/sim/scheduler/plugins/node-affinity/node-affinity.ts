/**
 * NodeAffinity: Filter enforces spec.nodeSelector and required node affinity; Score sums the
 * weights of matching preferred terms, normalized against the best node.
 * Source: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (v1.32)
 */
import type { Node, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1'
import type {
  FilterPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface'
import { MAX_NODE_SCORE } from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import { defaultNormalizeScore } from '../../framework/normalize-score'
import { Code, SUCCESS, newStatus } from '../../framework/status'
import { nodeSelectorMatches, nodeSelectorTermMatches } from '../../util/selectors'

// ErrReasonPod: node_affinity.go (v1.32)
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"
// errReasonConflict: node_affinity.go (v1.32)
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict'
const PRE_FILTER_STATE_KEY = 'PreFilter' + Names.NodeAffinity
const PRE_SCORE_STATE_KEY = 'PreScore' + Names.NodeAffinity

/** RequiredNodeAffinity.Match: nodeSelector labels AND required terms (nodeaffinity.go v1.32). */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {}
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return false
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return required ? nodeSelectorMatches(required, node) : true
}

/** Node names from `matchFields metadata.name In` per term; undefined means all nodes. */
function preFilterNodeNames(pod: Pod): Set<string> | undefined {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? []
  if (terms.length === 0) return undefined
  let nodeNames: Set<string> | undefined
  for (const t of terms) {
    let termNames: Set<string> | undefined
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue
      const s = new Set(r.values ?? [])
      // Requirements within a term are ANDed: intersect.
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s
    }
    // A term without a metadata.name requirement allows every node (terms are ORed).
    if (!termNames) return undefined
    nodeNames = new Set([...(nodeNames ?? []), ...termNames])
  }
  return nodeNames
}

function preferredTerms(pod: Pod): PreferredSchedulingTerm[] {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
  // NewPreferredSchedulingTerms skips zero weights and empty preferences (nodeaffinity.go v1.32).
  return terms.filter(
    (t) =>
      t.weight !== 0 &&
      ((t.preference.matchExpressions?.length ?? 0) > 0 ||
        (t.preference.matchFields?.length ?? 0) > 0),
  )
}

export const nodeAffinity = {
  name: Names.NodeAffinity,
  preFilter(state, pod) {
    const required =
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    if (!required && !pod.spec?.nodeSelector) return { status: newStatus(Code.Skip) }
    writeState(state, PRE_FILTER_STATE_KEY, true)
    const names = preFilterNodeNames(pod)
    if (!names) return { status: SUCCESS }
    if (names.size === 0) {
      return { status: newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_CONFLICT) }
    }
    return { result: { nodeNames: [...names].sort() }, status: SUCCESS }
  },
  filter(_state, pod, nodeInfo) {
    const node = nodeInfo.node
    if (!node) return newStatus(Code.Error, 'node not found')
    if (requiredNodeAffinityMatches(pod, node)) return SUCCESS
    return newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_POD)
  },
  preScore(state, pod) {
    const terms = preferredTerms(pod)
    if (terms.length === 0) return newStatus(Code.Skip)
    writeState(state, PRE_SCORE_STATE_KEY, terms)
    return SUCCESS
  },
  score(state, pod, nodeInfo) {
    const node = nodeInfo.node
    if (!node) return 0
    const terms =
      readState<PreferredSchedulingTerm[]>(state, PRE_SCORE_STATE_KEY) ?? preferredTerms(pod)
    let count = 0
    for (const t of terms) if (nodeSelectorTermMatches(t.preference, node)) count += t.weight
    return count
  },
  normalizeScore(_state, _pod, scores) {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores)
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin
