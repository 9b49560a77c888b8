import { z } from 'zod'
import { strict } from '../../format/zod-helpers'
import { defineCondition } from './kind'
import type { KubeObject } from '../../../sim/index'

const scalar = z.union([z.string(), z.number(), z.boolean()])

const params = strict({
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().optional(),
  /** false: the object must be gone (or never stored). */
  exists: z.boolean().optional(),
  /** A dotted path into the object: spec.nodeName, metadata.labels.app, status.phase. */
  field: z.string().min(1).optional(),
  equals: scalar.optional(),
  contains: z.string().optional(),
})
type Params = z.infer<typeof params>

const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PriorityClass'])

function fieldValue(object: KubeObject, path: string): unknown {
  let value: unknown = object
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Any stored API object, and one of its fields: the API's own view of the cluster. */
export const object = defineCondition<Params>({
  key: 'object',
  help: 'any stored API object by kind and name; whether it exists, and one of its fields',
  params,
  describe: (p) => {
    const ref = `${p.kind} \`${p.name}\``
    if (p.exists === false) return `${ref} is gone`
    if (p.field === undefined) return `${ref} exists`
    if (p.equals !== undefined) return `${ref}'s \`${p.field}\` is \`${show(p.equals)}\``
    if (p.contains !== undefined) return `${ref}'s \`${p.field}\` contains “${p.contains}”`
    return `${ref} has \`${p.field}\` set`
  },
  compile: (p) => (facts) => {
    const namespace = CLUSTER_SCOPED.has(p.kind) ? undefined : (p.namespace ?? 'default')
    const found = facts
      .objects()
      .find(
        (o) =>
          o.kind === p.kind &&
          o.metadata?.name === p.name &&
          (namespace === undefined || (o.metadata.namespace ?? 'default') === namespace),
      )
    if (p.exists === false)
      return {
        met: !found,
        why: found ? `${p.kind} ${p.name} is still stored` : 'it is not stored',
      }
    if (!found) return { met: false, why: `no ${p.kind} ${p.name} is stored` }
    if (p.field === undefined) return { met: true, why: `${p.kind} ${p.name} is stored` }
    const value = fieldValue(found, p.field)
    const text = value === undefined ? '(not set)' : show(value)
    const met =
      p.equals !== undefined
        ? value === p.equals
        : p.contains !== undefined
          ? text.includes(p.contains)
          : value !== undefined
    return { met, why: `${p.field} is ${text}` }
  },
})
