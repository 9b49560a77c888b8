import { z } from 'zod'
import { strict } from '../../format/zod-helpers'
import { defineCondition } from './kind'

const params = strict({
  name: z.string().min(1),
  /** Cordoned: spec.unschedulable (kubectl cordon). */
  cordoned: z.boolean().optional(),
  /** A taint as kubectl writes it: key=value:Effect, key:Effect (or just the key). */
  taint: z.string().optional(),
  /** false: the taint must be gone. */
  tainted: z.boolean().optional(),
})
type Params = z.infer<typeof params>

interface Taint {
  key: string
  value?: string
  effect: string
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
}

/** A Node's spec as kubectl cordon and kubectl taint change it. */
export const node = defineCondition<Params>({
  key: 'node',
  help: 'a Node: cordoned or not, and its taints (kubectl cordon, kubectl taint)',
  params,
  describe: (p) => {
    const parts: string[] = []
    if (p.cordoned !== undefined) parts.push(p.cordoned ? 'is cordoned' : 'is not cordoned')
    if (p.taint !== undefined)
      parts.push(
        p.tainted === false ? `has no taint \`${p.taint}\`` : `has the taint \`${p.taint}\``,
      )
    return `\`${p.name}\` ${parts.join(' and ') || 'exists'}`
  },
  compile: (p) => (facts) => {
    const found = facts.objects().find((o) => o.kind === 'Node' && o.metadata?.name === p.name)
    if (!found) return { met: false, why: `no Node ${p.name}` }
    const spec = (found['spec'] ?? {}) as { unschedulable?: boolean; taints?: Taint[] }
    const taints = (spec.taints ?? []).map(taintText)
    const hasTaint =
      p.taint === undefined || taints.some((t) => t === p.taint || t.startsWith(p.taint ?? ''))
    const met =
      (p.cordoned === undefined || (spec.unschedulable ?? false) === p.cordoned) &&
      (p.taint === undefined || hasTaint === (p.tainted ?? true))
    const why = `${p.name}: ${spec.unschedulable ? 'cordoned' : 'schedulable'}; taints: ${taints.join(', ') || 'none'}`
    return { met, why }
  },
  references: (p) => [{ path: ['name'], name: p.name, of: 'node' }],
})
