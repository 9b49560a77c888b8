import type { z } from 'zod'
import { conditionReferences, type Condition } from '../vocab/conditions/registry'
import { actionKind } from '../vocab/actions/registry'
import type { NameReference } from '../vocab/conditions/kind'
import { ROLE_NAMES } from '../vocab/actions/member-ref'
import { matches } from '../vocab/match'

/** The parts of a parsed lesson the name check reads (it may run on partly invalid data). */
interface LessonLike {
  cluster?: { nodes?: number; etcdMembers?: number }
  steps?: readonly StepLike[]
}
interface StepLike {
  scenario?: readonly Record<string, unknown>[] | undefined
  solution?: readonly Record<string, unknown>[] | undefined
  goals?: readonly Record<string, unknown>[] | undefined
  predict?: { choices?: readonly { when?: Condition }[] } | undefined
  view?: { highlight?: string | readonly string[] | undefined } | undefined
}

const CONTROL_PLANE = ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kubectl']
const NODE_COMPONENTS = ['kubelet', 'container-runtime', 'kube-proxy']
const MACHINES = ['control-plane', 'laptop']

/** `etcd-1, etcd-2, etcd-3` → `etcd-1…etcd-3`. */
export function compactNames(names: readonly string[]): string {
  const out: string[] = []
  for (let i = 0; i < names.length;) {
    const match = /^(.*?)(\d+)$/.exec(names[i] ?? '')
    let j = i
    while (
      match &&
      j + 1 < names.length &&
      names[j + 1] === `${match[1]}${Number(match[2]) + (j + 1 - i)}`
    )
      j++
    out.push(j - i >= 2 ? `${names[i]}…${names[j]}` : names.slice(i, j + 1).join(', '))
    i = j + 1
  }
  return out.join(', ')
}

interface Names {
  members: string[]
  nodes: string[]
  components: string[]
}

function namesAt(nodes: number, members: number): Names {
  const memberIds = Array.from({ length: members }, (_, i) => `etcd-${i + 1}`)
  const nodeIds = Array.from({ length: nodes }, (_, i) => `node-${i + 1}`)
  const perNode = NODE_COMPONENTS.flatMap((c) => nodeIds.map((n) => `${c}/${n}`))
  return {
    members: memberIds,
    nodes: nodeIds,
    components: [...CONTROL_PLANE, ...memberIds, ...perNode, ...nodeIds, ...MACHINES],
  }
}

function expected(of: NameReference['of'], names: Names): string {
  if (of === 'member') return `expected one of ${compactNames(names.members)}`
  if (of === 'node') return `expected one of ${compactNames(names.nodes)}`
  return `expected a component of this cluster: ${CONTROL_PLANE.join(', ')}, ${compactNames(names.members)}, or ${NODE_COMPONENTS.map((c) => `${c}/node-N`).join(', ')} (node-1…node-${names.nodes.length})`
}

function valid(ref: NameReference, names: Names, allowRoles: boolean): boolean {
  if (allowRoles && (ROLE_NAMES as readonly string[]).includes(ref.name)) return true
  const pool =
    ref.of === 'member'
      ? names.members
      : ref.of === 'node'
        ? [...names.nodes, '(none)']
        : names.components
  return pool.some((n) => matches(ref.name, n))
}

function itemReferences(item: Record<string, unknown>): { refs: NameReference[]; adds: number } {
  const [key] = Object.keys(item).filter((k) => k !== 'within')
  if (key === undefined) return { refs: [], adds: 0 }
  if (key === 'waitFor')
    return {
      refs: conditionReferences(item[key] as Condition).map((r) => ({
        ...r,
        path: [key, ...r.path],
      })),
      adds: 0,
    }
  const kind = actionKind(key)
  const refs = kind?.references?.(item[key] as never) ?? []
  return {
    refs: refs.map((r) => ({ ...r, path: [key, ...r.path] })),
    adds: key === 'addEtcdMember' ? 1 : 0,
  }
}

/**
 * Every etcd member, node and component a lesson names must exist in its cluster at that step
 * (members added by an earlier addEtcdMember count): `steps[2].goals[0].etcd.leader: expected
 * one of etcd-1…etcd-5`.
 */
export function checkClusterNames(lesson: LessonLike, ctx: z.RefinementCtx): void {
  const nodes = lesson.cluster?.nodes ?? 3
  let members = lesson.cluster?.etcdMembers ?? 3
  const report = (path: (string | number)[], ref: NameReference, names: Names, roles: boolean) => {
    if (!valid(ref, names, roles))
      ctx.addIssue({
        code: 'custom',
        path: [...path, ...ref.path],
        message: expected(ref.of, names),
      })
  }
  for (const [s, step] of (lesson.steps ?? []).entries()) {
    const lists = [
      ['scenario', step.scenario],
      ['solution', step.solution],
    ] as const
    for (const [, items] of lists)
      for (const item of items ?? []) members += itemReferences(item).adds
    const names = namesAt(nodes, members)
    for (const [field, items] of lists)
      for (const [i, item] of (items ?? []).entries())
        for (const ref of itemReferences(item).refs)
          report(['steps', s, field, i], ref, names, true)
    for (const [g, goal] of (step.goals ?? []).entries())
      for (const ref of conditionReferences(goal))
        report(['steps', s, 'goals', g], ref, names, false)
    for (const [c, choice] of (step.predict?.choices ?? []).entries())
      if (choice.when)
        for (const ref of conditionReferences(choice.when))
          report(['steps', s, 'predict', 'choices', c, 'when'], ref, names, false)
    const highlight = step.view?.highlight
    const listed =
      highlight === undefined ? [] : typeof highlight === 'string' ? [highlight] : highlight
    for (const [h, name] of listed.entries())
      report(
        ['steps', s, 'view', 'highlight', ...(typeof highlight === 'string' ? [] : [h])],
        { path: [], name, of: 'component' },
        names,
        false,
      )
  }
}
