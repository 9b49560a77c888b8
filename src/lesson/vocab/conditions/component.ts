import { z } from 'zod'
import { pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { defineCondition, type NameReference } from './kind'

const params = strict({
  /** Component ids: kube-apiserver, etcd-2, etcd-*, kubelet/node-1 … */
  id: pattern,
  running: z.boolean(),
  /** With a wildcard: true (default) = every match; false = at least one. */
  all: z.boolean().optional(),
})
type Params = z.infer<typeof params>

export function nameReferences(
  value: string | readonly string[] | undefined,
  key: string,
  of: NameReference['of'],
): NameReference[] {
  if (value === undefined) return []
  if (typeof value === 'string') return [{ path: [key], name: value, of }]
  return value.map((name, i) => ({ path: [key, i], name, of }))
}

/** Whether components (processes) are running: stopped by a lesson, a student, or a crash. */
export const component = defineCondition<Params>({
  key: 'component',
  help: 'whether components are running (kube-apiserver, etcd-2, etcd-*, kubelet/node-1 …)',
  params,
  describe: (p) => {
    const state = p.running ? 'running' : 'stopped'
    const wild = typeof p.id !== 'string' || p.id.includes('*')
    if (!wild) return `\`${patternText(p.id)}\` is ${state}`
    return p.all === false
      ? `at least one of \`${patternText(p.id)}\` is ${state}`
      : `every \`${patternText(p.id)}\` is ${state}`
  },
  compile: (p) => (facts) => {
    const scoped = facts.components().filter((c) => matches(p.id, c.id))
    const good = scoped.filter((c) => c.running === p.running)
    const others = scoped.filter((c) => c.running !== p.running).map((c) => c.id)
    const met = p.all === false ? good.length > 0 : scoped.length > 0 && others.length === 0
    const why =
      scoped.length === 0
        ? 'no such component'
        : others.length === 0
          ? `${good.map((c) => c.id).join(', ')}: ${p.running ? 'running' : 'stopped'}`
          : `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} ${p.running ? 'stopped' : 'still running'}`
    return { met, why }
  },
  references: (p) => nameReferences(p.id, 'id', 'component'),
})
