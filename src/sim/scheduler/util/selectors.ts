/**
 * Label and node selector matching.
 * Sources (v1.32): labels.Selector via metav1.LabelSelectorAsSelector,
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go; nodeaffinity.NodeSelector,
 * staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type {
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
} from 'kubernetes-types/core/v1'

type Labels = Readonly<Record<string, string>> | undefined

/** A nil selector matches nothing; an empty one matches everything (LabelSelectorAsSelector). */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[k] !== v) return false
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = labels !== undefined && req.key in labels
    const value = labels?.[req.key]
    const values = req.values ?? []
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(value ?? '')) return false
        break
      case 'NotIn':
        if (has && values.includes(value ?? '')) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        return false
    }
  }
  return true
}

/** Go strconv.ParseInt-like: a whole decimal integer or undefined. */
function parseIntStrict(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined
  const values = req.values ?? []
  switch (req.operator) {
    case 'In':
      return has && values.includes(value)
    case 'NotIn':
      return !has || !values.includes(value)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false
      const l = parseIntStrict(value)
      const r = parseIntStrict(values[0] ?? '')
      if (l === undefined || r === undefined) return false
      return req.operator === 'Gt' ? l > r : l < r
    }
    default:
      return false
  }
}

/** A term matches when all its expressions and fields match; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return false
  const labels = node.metadata?.labels
  for (const req of exprs) if (!requirementMatches(req, labels?.[req.key])) return false
  for (const req of fields) {
    // Only metadata.name is a supported field (nodeaffinity.go v1.32).
    const value = req.key === 'metadata.name' ? (node.metadata?.name ?? '') : undefined
    if (!requirementMatches(req, value)) return false
  }
  return true
}

/** Terms are ORed. */
export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  return selector.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node))
}
