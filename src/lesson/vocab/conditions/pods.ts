import { z } from 'zod'
import { count, pattern, selector, strict } from '../../format/zod-helpers'
import { matches, parseSelector, patternText, selectorMatches } from '../match'
import { countTest, defineCondition } from './kind'
import type { PodFact } from '../facts'

const params = strict({
  name: pattern.optional(),
  labels: selector.optional(),
  namespace: z.string().optional(),
  /** kubectl's STATUS column: Running, Pending, ContainerCreating, Terminating … */
  status: pattern.optional(),
  node: pattern.optional(),
  /** At least this many restarts (kubectl's RESTARTS column). */
  restarts: count.optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

function who(p: Params): string {
  if (p.name !== undefined) return `Pod \`${patternText(p.name)}\``
  if (p.labels !== undefined) return `Pods with \`${p.labels}\``
  return 'Pods'
}

function what(p: Params): string {
  const parts = [p.status !== undefined ? patternText(p.status) : 'present']
  if (p.node !== undefined) parts.push(`on ${patternText(p.node)}`)
  if (p.restarts !== undefined) parts.push(`with ${p.restarts}+ restarts`)
  return parts.join(' ')
}

function inScope(p: Params, pod: PodFact): boolean {
  const labels = p.labels !== undefined ? parseSelector(p.labels) : undefined
  return (
    (p.namespace ?? 'default') === pod.namespace &&
    (p.name === undefined || matches(p.name, pod.name)) &&
    (labels === undefined || selectorMatches(labels, pod.labels))
  )
}

function satisfies(p: Params, pod: PodFact): boolean {
  return (
    (p.status === undefined || matches(p.status, pod.status)) &&
    (p.node === undefined || matches(p.node, pod.node === '' ? '(none)' : pod.node)) &&
    (p.restarts === undefined || pod.restarts >= p.restarts)
  )
}

/** Pods as `kubectl get pods -o wide` shows them: by name or labels, with STATUS and NODE. */
export const pods = defineCondition<Params>({
  key: 'pods',
  help: 'Pods by name or labels, with their STATUS, RESTARTS and NODE (as kubectl get pods -o wide)',
  params,
  describe: (p) => {
    const n = p.count ?? p.atLeast
    if (n === undefined) return `${who(p)} ${p.name !== undefined ? 'is' : 'are'} ${what(p)}`
    const amount = p.count !== undefined ? `${n}` : `at least ${n}`
    return `${amount} ${who(p).replace(/^Pods?/, n === 1 ? 'Pod' : 'Pods')} ${n === 1 ? 'is' : 'are'} ${what(p)}`
  },
  compile: (p) => {
    const { test } = countTest(p)
    return (facts) => {
      const scoped = facts.pods().filter((pod) => inScope(p, pod))
      const good = scoped.filter((pod) => satisfies(p, pod))
      const others = scoped.filter((pod) => !satisfies(p, pod))
      const listed = others
        .slice(0, 3)
        .map(
          (pod) =>
            `${pod.name} is ${pod.status || 'unknown'}${pod.node ? ` on ${pod.node}` : ''}${p.restarts !== undefined ? ` with ${pod.restarts} restarts` : ''}`,
        )
      const why =
        scoped.length === 0
          ? `no such Pod exists now`
          : `${good.length} of ${scoped.length} ${what(p)}${listed.length > 0 ? ` (${listed.join(', ')})` : ''}`
      return { met: test(good.length), why }
    }
  },
  references: (p) =>
    p.node === undefined
      ? []
      : (typeof p.node === 'string' ? [p.node] : p.node).map((name, i) => ({
          path: typeof p.node === 'string' ? ['node'] : ['node', i],
          name,
          of: 'node' as const,
        })),
})
