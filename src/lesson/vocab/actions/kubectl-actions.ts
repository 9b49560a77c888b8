import { z } from 'zod'
import { pattern, selector, strict } from '../../format/zod-helpers'
import { matches, parseSelector, patternText, selectorMatches } from '../match'
import { defineAction, kubectlAction } from './kind'

/** `apply: |` a manifest, as `kubectl apply -f -` with the manifest on stdin. */
export const apply = defineAction<string>({
  key: 'apply',
  help: 'kubectl apply -f - with this manifest (YAML)',
  params: z.string().min(1, { error: 'expected a manifest (YAML) to apply' }),
  describe: (manifest) => {
    const kind = /^kind:\s*(\S+)/m.exec(manifest)?.[1] ?? 'manifest'
    const name = /^\s+name:\s*(\S+)/m.exec(manifest)?.[1]
    return `kubectl apply -f - (${kind}${name ? ` ${name}` : ''})`
  },
  resolve: (manifest, _facts, ids) => ({ actions: [kubectlAction(ids, 'apply -f -', manifest)] }),
})

/** `kubectl: get pods -o wide`: any command line the simulated kubectl runs. */
export const kubectl = defineAction<string>({
  key: 'kubectl',
  help: 'a kubectl command line (get, describe, delete, scale, cordon, taint, label …)',
  params: z.string().min(1),
  describe: (line) => `kubectl ${line.replace(/^kubectl\s+/, '')}`,
  resolve: (line, _facts, ids) => ({ actions: [kubectlAction(ids, line)] }),
})

const deletePodParams = strict({ name: pattern.optional(), labels: selector.optional() })
type DeletePod = z.infer<typeof deletePodParams>

/**
 * Deletes one Pod chosen when it runs (a ReplicaSet's Pods have generated names): the first
 * Running one, by name, among those matching.
 */
export const deletePod = defineAction<DeletePod>({
  key: 'deletePod',
  help: 'kubectl delete pod <the first Running Pod matching a name or labels>',
  params: deletePodParams,
  describe: (p) =>
    `kubectl delete pod (one ${p.labels !== undefined ? `with ${p.labels}` : patternText(p.name ?? '*')})`,
  resolve: (p, facts, ids) => {
    const labels = p.labels !== undefined ? parseSelector(p.labels) : undefined
    const candidates = facts
      .pods()
      .filter(
        (pod) =>
          (p.name === undefined || matches(p.name, pod.name)) &&
          (labels === undefined || selectorMatches(labels, pod.labels)),
      )
      .sort(
        (a, b) =>
          Number(b.status === 'Running') - Number(a.status === 'Running') ||
          (a.name < b.name ? -1 : 1),
      )
    const victim = candidates[0]
    if (!victim) return { error: 'no Pod matches, so there is nothing to delete' }
    return { actions: [kubectlAction(ids, `delete pod ${victim.name}`)] }
  },
})

/**
 * `stampede: { requests: 400 }`: that many clients list every Pod at the same instant (a script
 * running `kubectl get pods -A` in a loop, a dashboard on many screens); chunkSize as kubectl's
 * --chunk-size (500 by default), resourceVersion for the query ("0": from the watch cache).
 */
export const stampede = defineAction<{
  requests: number
  chunkSize?: number | undefined
  resourceVersion?: string | undefined
}>({
  key: 'stampede',
  help: 'many clients list every Pod at once (requests, chunkSize, resourceVersion)',
  params: z.strictObject({
    requests: z.number().int().min(1).max(5000),
    chunkSize: z.number().int().min(0).max(100_000).optional(),
    resourceVersion: z.string().max(32).optional(),
  }),
  describe: (p) =>
    `${p.requests === 1 ? 'one client lists' : `${String(p.requests)} clients list`} every Pod${
      p.resourceVersion !== undefined ? ` with resourceVersion=${p.resourceVersion}` : ''
    }${p.chunkSize !== undefined ? ` (chunk size ${String(p.chunkSize)})` : ''}`,
  resolve: (p) => ({
    actions: [
      {
        type: 'stampede',
        requests: p.requests,
        ...(p.chunkSize !== undefined ? { chunkSize: p.chunkSize } : {}),
        ...(p.resourceVersion !== undefined ? { resourceVersion: p.resourceVersion } : {}),
      },
    ],
  }),
})
