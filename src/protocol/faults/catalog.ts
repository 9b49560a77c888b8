import type { SimAction } from '../../sim/index'
import type { ComponentRecord, EtcdRecord } from '../records'

/**
 * The failure panel's table: what can be broken (targets) and how (fault kinds), as data. A fault
 * is a list of SimActions, each with the actions that undo it, so a timed fault records its heal
 * in the action log and a replay repeats both. Later faults (node down, crash loop, bad image)
 * are added as entries of FAULT_KINDS, with new target kinds if they need them.
 */
export type TargetKind =
  | 'etcd'
  | 'link'
  | 'kube-apiserver'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'node'
  | 'kubelet'
  | 'kube-proxy'

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  etcd: 'etcd member',
  link: 'link between two components',
  'kube-apiserver': 'API server',
  'kube-scheduler': 'scheduler',
  'kube-controller-manager': 'controller manager',
  node: 'node (the whole machine)',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
}

export interface FaultTarget {
  kind: TargetKind
  /** A component id, a machine name, or "a|b" for a link. */
  id: string
  label: string
}

/** What the cluster looks like now, as the store has it. */
export interface FaultContext {
  components: readonly ComponentRecord[]
  etcd?: EtcdRecord | undefined
}

/** One action of a fault and what heals it. */
export interface FaultStep {
  action: SimAction
  heal: SimAction[]
}

export interface FaultValue {
  label: string
  unit: string
  choices: { label: string; value: number }[]
}

export interface FaultKind {
  id: string
  label: string
  /** One line for the panel: what a student will see happen. */
  effect: string
  targets: readonly TargetKind[]
  /** Narrows within a target kind (a lossy link only between etcd members). */
  appliesTo?: (target: FaultTarget) => boolean
  value?: FaultValue
  build(target: FaultTarget, context: FaultContext, value: number | undefined): FaultStep[]
}

const CONTROL_PLANE: readonly TargetKind[] = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
]

/** Every running component except the target's own, by id: the other side of a partition. */
function everyoneElse(target: FaultTarget, context: FaultContext): string[] {
  const own = (c: ComponentRecord) => c.id === target.id || c.host === target.id
  return context.components.filter((c) => !own(c) && c.kind !== 'kubectl').map((c) => c.id)
}

function linkEnds(target: FaultTarget): [string, string] {
  const [a = '', b = ''] = target.id.split('|')
  return [a, b]
}

// The disk profiles of the Raft view: etcd asks for WAL fsync p99 under 10 ms; 200 ms is a busy
// disk, 1.5 s stalls past the 1 s election timeout (etcd docs, "Tuning": disk).
const DISK_CHOICES = [
  { label: 'slow (200 ms fsync)', value: 200 },
  { label: 'stalling (1.5 s fsync)', value: 1_500 },
]

export const FAULT_KINDS: FaultKind[] = [
  {
    id: 'stop',
    label: 'Stop (crash)',
    effect: 'The process dies; its connections reset; nothing it does happens until it restarts.',
    targets: [...CONTROL_PLANE, 'kubelet', 'kube-proxy'],
    build: (target) => [
      {
        action: { type: 'stopComponent', id: target.id },
        heal: [{ type: 'startComponent', id: target.id }],
      },
    ],
  },
  {
    id: 'power-off',
    label: 'Power off',
    effect:
      'The machine goes silent: no Lease renewals, so after 50 s it is NotReady, tainted, and 300 s later its Pods are evicted and replaced.',
    targets: ['node'],
    build: (target) => [
      {
        action: { type: 'stopNode', node: target.id },
        heal: [{ type: 'startNode', node: target.id }],
      },
    ],
  },
  {
    id: 'partition',
    label: 'Partition away',
    effect: 'Every link between it and the rest of the cluster is cut; it keeps running alone.',
    targets: [...CONTROL_PLANE, 'node', 'kubelet'],
    build: (target, context) => {
      const sides: [string[], string[]] = [[target.id], everyoneElse(target, context)]
      return [{ action: { type: 'partition', sides }, heal: [{ type: 'healPartition', sides }] }]
    },
  },
  {
    id: 'cut-link',
    label: 'Cut the link',
    effect: 'Messages between the two stop; each can still reach everyone else.',
    targets: ['link'],
    build: (target) => {
      const [a, b] = linkEnds(target)
      const sides: [string[], string[]] = [[a], [b]]
      return [{ action: { type: 'partition', sides }, heal: [{ type: 'healPartition', sides }] }]
    },
  },
  {
    id: 'lossy-link',
    label: 'Lossy link',
    effect: 'A share of the messages between the two is lost, both ways (Raft retries).',
    targets: ['link'],
    // Loss is modelled where Raft retries (peer links); a lost HTTP request would just hang.
    appliesTo: (target) => linkEnds(target).every((end) => /^etcd-\d+$/.test(end)),
    value: {
      label: 'Messages lost',
      unit: '%',
      choices: [10, 30, 50, 80].map((p) => ({ label: `${p}%`, value: p })),
    },
    build: (target, _context, percent = 30) => {
      const [a, b] = linkEnds(target)
      return [
        {
          action: { type: 'setLinkLoss', a, b, fraction: percent / 100 },
          heal: [{ type: 'setLinkLoss', a, b, fraction: 0 }],
        },
      ]
    },
  },
  {
    id: 'slow-disk',
    label: 'Slow disk',
    effect: 'Every WAL fsync takes this long: heartbeats go late, elections may churn.',
    targets: ['etcd'],
    value: { label: 'Disk', unit: 'ms', choices: DISK_CHOICES },
    build: (target, context, fsyncMs = 1_500) => {
      const now = context.etcd?.members.find((m) => m.id === target.id)?.fsyncMs ?? 2
      return [
        {
          action: { type: 'setDiskLatency', id: target.id, fsyncMs },
          heal: [{ type: 'setDiskLatency', id: target.id, fsyncMs: now }],
        },
      ]
    },
  },
]

/** Every target the cluster has now, in the panel's order. */
export function faultTargets(context: FaultContext): FaultTarget[] {
  const targets: FaultTarget[] = []
  const members = (context.etcd?.members ?? []).filter((m) => !m.removed)
  for (const m of members) targets.push({ kind: 'etcd', id: m.id, label: m.id })
  for (const c of context.components) {
    if (c.kind === 'etcd' || c.kind === 'kubectl' || c.kind === 'container-runtime') continue
    // The HA option's load balancer is plumbing, not a failure a lesson is about.
    if (c.kind === 'load-balancer') continue
    const label = c.kind === 'kubelet' || c.kind === 'kube-proxy' ? `${c.kind} on ${c.host}` : c.id
    targets.push({ kind: c.kind, id: c.id, label })
  }
  const nodes = [
    ...new Set(context.components.filter((c) => c.kind === 'kubelet').map((c) => c.host)),
  ]
  for (const node of nodes) targets.push({ kind: 'node', id: node, label: node })
  const ids = members.map((m) => m.id)
  for (const [i, a] of ids.entries())
    for (const b of ids.slice(i + 1))
      targets.push({ kind: 'link', id: `${a}|${b}`, label: `${a} ↔ ${b}` })
  for (const api of context.etcd?.clients ?? [])
    for (const m of ids)
      targets.push({ kind: 'link', id: `${api.id}|${m}`, label: `${api.id} ↔ ${m}` })
  return targets
}

export function faultKindsFor(target: FaultTarget): FaultKind[] {
  return FAULT_KINDS.filter(
    (f) => f.targets.includes(target.kind) && (f.appliesTo?.(target) ?? true),
  )
}

export interface FaultRequest {
  kind: string
  target: string
  value?: number | undefined
  /** Heal by itself after this long (virtual ms); absent: stays until healed. */
  healAfterMs?: number | undefined
}

export interface FaultPlan {
  label: string
  steps: FaultStep[]
  healAfterMs?: number | undefined
}

/** Turns a request from the panel (or a host page) into actions, or says why it cannot. */
export function planFault(
  context: FaultContext,
  request: FaultRequest,
): FaultPlan | { error: string } {
  const target = faultTargets(context).find((t) => t.id === request.target)
  if (!target) return { error: `there is nothing called "${request.target}" to break` }
  const kind = faultKindsFor(target).find((f) => f.id === request.kind)
  if (!kind) return { error: `"${request.kind}" is not a fault of ${target.label}` }
  const value = kind.value ? (request.value ?? kind.value.choices[0]?.value) : undefined
  const unit =
    kind.value && value !== undefined
      ? ` (${value}${kind.value.unit === '%' ? '%' : ` ${kind.value.unit}`})`
      : ''
  return {
    label: `${kind.label}: ${target.label}${unit}`,
    steps: kind.build(target, context, value),
    ...(request.healAfterMs !== undefined ? { healAfterMs: request.healAfterMs } : {}),
  }
}
