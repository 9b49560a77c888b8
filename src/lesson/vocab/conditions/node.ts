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
  /** The Ready condition's status as the node lifecycle controller and the kubelet set it. */
  ready: z.enum(['True', 'False', 'Unknown']).optional(),
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

interface NodeCondition {
  type: string
  status: string
}

/** A Node: its spec as kubectl cordon and kubectl taint change it, and whether it is Ready. */
export const node = defineCondition<Params>({
  key: 'node',
  help: 'a Node: Ready or not, cordoned or not, and its taints (kubectl cordon, kubectl taint)',
  params,
  describe: (p) => {
    const parts: string[] = []
    if (p.cordoned !== undefined) parts.push(p.cordoned ? 'is cordoned' : 'is not cordoned')
    if (p.taint !== undefined)
      parts.push(
        p.tainted === false ? `has no taint \`${p.taint}\`` : `has the taint \`${p.taint}\``,
      )
    if (p.ready !== undefined)
      parts.push(p.ready === 'True' ? 'is Ready' : `is NotReady (Ready ${p.ready})`)
    return `\`${p.name}\` ${parts.join(' and ') || 'exists'}`
  },
  compile: (p) => (facts) => {
    const found = facts.objects().find((o) => o.kind === 'Node' && o.metadata?.name === p.name)
    if (!found) return { met: false, why: `no Node ${p.name}` }
    const spec = (found['spec'] ?? {}) as { unschedulable?: boolean; taints?: Taint[] }
    const conditions = ((found['status'] ?? {}) as { conditions?: NodeCondition[] }).conditions
    const ready = conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown'
    const taints = (spec.taints ?? []).map(taintText)
    const hasTaint =
      p.taint === undefined || taints.some((t) => t === p.taint || t.startsWith(p.taint ?? ''))
    const met =
      (p.cordoned === undefined || (spec.unschedulable ?? false) === p.cordoned) &&
      (p.taint === undefined || hasTaint === (p.tainted ?? true)) &&
      (p.ready === undefined || ready === p.ready)
    const why = `${p.name}: Ready ${ready}, ${spec.unschedulable ? 'cordoned' : 'schedulable'}; taints: ${taints.join(', ') || 'none'}`
    return { met, why }
  },
  references: (p) => [{ path: ['name'], name: p.name, of: 'node' }],
})
