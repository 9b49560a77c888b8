/**
 * The taints the node lifecycle controller owns: NoSchedule taints that mirror node conditions
 * (TaintNodesByCondition) and the NoExecute not-ready / unreachable taints that start
 * taint-based eviction. Pure helpers; the controller sends the PATCHes.
 * Source: pkg/controller/nodelifecycle/node_lifecycle_controller.go
 * (nodeConditionToTaintKeyStatusMap, doNoScheduleTaintingPass), pkg/util/taints (v1.32).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1'

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'

// {NodeConditionType: {ConditionStatus: TaintKey}}
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
}
const CONTROLLED_KEYS = new Set([
  ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)),
  TAINT_UNSCHEDULABLE,
])

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect

// Indexed, not .some: the informer's taints are frozen, and V8 iterates a frozen array several
// times slower (every node, every 5 s monitor pass asks).
export function hasTaint(node: Node, key: string, effect: Taint['effect']): boolean {
  const taints = node.spec?.taints
  if (taints === undefined) return false
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i] as Taint
    if (t.key === key && t.effect === effect) return true
  }
  return false
}

/** The NoSchedule taints the node's conditions (and cordon) call for. */
export function wantedNoScheduleTaints(node: Node): Taint[] {
  const taints: Taint[] = []
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status]
    if (key !== undefined) taints.push({ key, effect: 'NoSchedule' })
  }
  if (node.spec?.unschedulable === true)
    taints.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })
  return taints
}

/** The node's taints with `add` added (stamped with timeAdded) and `remove` removed, or undefined when nothing changes. */
export function swapTaints(
  node: Node,
  add: readonly Taint[],
  remove: readonly Taint[],
  timeAdded: string,
): Taint[] | undefined {
  const current = node.spec?.taints ?? []
  const kept = current.filter((t) => !remove.some((r) => sameTaint(r, t)))
  const added = add
    .filter((a) => !kept.some((t) => sameTaint(a, t)))
    .map((a) => ({ ...a, timeAdded }))
  if (added.length === 0 && kept.length === current.length) return undefined
  return [...kept, ...added]
}

/** doNoScheduleTaintingPass: which controlled NoSchedule taints to add and remove. */
export function noScheduleTaintDiff(node: Node): { add: Taint[]; remove: Taint[] } {
  const wanted = wantedNoScheduleTaints(node)
  const present = (node.spec?.taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' && CONTROLLED_KEYS.has(t.key),
  )
  return {
    add: wanted.filter((w) => !present.some((p) => sameTaint(p, w))),
    remove: present.filter((p) => !wanted.some((w) => sameTaint(p, w))),
  }
}

export const notReadyNoExecute: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' }
export const unreachableNoExecute: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' }

// Zone keys by region then zone: the same few strings for every node, every 5 s pass, not a new
// one each time (a property of the two labels alone, kept outside the sim state).
const zoneKeys = new Map<string, Map<string, string>>()

/** The zone a node counts in (topology labels; every node without them shares one zone). */
export function zoneOf(node: Node): string {
  const labels = node.metadata?.labels
  const region = labels?.['topology.kubernetes.io/region'] ?? ''
  const zone = labels?.['topology.kubernetes.io/zone'] ?? ''
  if (region === '' && zone === '') return ''
  let byZone = zoneKeys.get(region)
  if (!byZone) zoneKeys.set(region, (byZone = new Map<string, string>()))
  let key = byZone.get(zone)
  if (key === undefined) byZone.set(zone, (key = `${region}:\u0000:${zone}`))
  return key
}
