import type { SimAction } from '../../sim/index'
import type { ComponentRecord, EtcdRecord, PodRecord } from '../records'

/**
 * The failure panel's table: what can be broken (targets) and how (fault kinds), as data. A fault
 * is a list of SimActions, each with the actions that undo it, so a timed fault records its heal
 * in the action log and a replay repeats both. Node down is the node's "Power off"; crash loop
 * and bad image break one container of a running Pod.
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
  | 'container'

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  etcd: 'etcd member',
  link: 'link between two components',
  'kube-apiserver': 'API server',
  'kube-scheduler': 'scheduler',
  'kube-controller-manager': 'controller manager',
  node: 'node (the whole machine)',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  container: 'container (Pod / container)',
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
  /** The Pods the store has (by key), for container targets. */
  pods?: Readonly<Record<string, PodRecord>>
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

/** "namespace/pod/container" → the Pod ("namespace/pod") and the container. */
function containerOf(target: FaultTarget): { pod: string; container: string } {
  const [namespace = '', pod = '', container = ''] = target.id.split('/')
  return { pod: `${namespace}/${pod}`, container }
}

function containerFault(fault: 'crashLoop' | 'badImage') {
  return (target: FaultTarget): FaultStep[] => {
    const which = containerOf(target)
    return [
      {
        action: { type: 'breakContainer', ...which, fault },
        heal: [{ type: 'fixContainer', ...which, fault }],
      },
    ]
  }
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
  {
    id: 'crash-loop',
    label: 'Crash loop',
    effect:
      'Every start of the container exits with status 1 after 1.5 s: the kubelet restarts it after 10 s, 20 s, 40 s … up to 5 min (CrashLoopBackOff) and RESTARTS climbs.',
    targets: ['container'],
    build: containerFault('crashLoop'),
  },
  {
    id: 'bad-image',
    label: 'Bad image',
    effect:
      'The image is deleted from the node and its registry and the container is killed: the pull fails (ErrImagePull) and is retried after 10 s, 20 s … up to 5 min (ImagePullBackOff).',
    targets: ['container'],
    build: containerFault('badImage'),
  },
]

// A 150,000-Pod cluster cannot list every container in a menu: the first Pods by name.
const MAX_CONTAINER_POD_TARGETS = 100

/** Containers of running workload Pods (kube-system's are the control plane's own). */
function containerTargets(pods: Readonly<Record<string, PodRecord>>): FaultTarget[] {
  return Object.values(pods)
    .filter(
      (p) =>
        p.namespace !== 'kube-system' &&
        p.node !== '' &&
        p.phase !== 'Succeeded' &&
        p.phase !== 'Failed' &&
        p.status !== 'Terminating',
    )
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
    .slice(0, MAX_CONTAINER_POD_TARGETS)
    .flatMap((p) =>
      (p.containers ?? []).map((c) => ({
        kind: 'container' as const,
        id: `${p.namespace}/${p.name}/${c}`,
        label: `${p.namespace === 'default' ? '' : `${p.namespace}/`}${p.name} / ${c} (${p.node})`,
      })),
    )
}

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
  targets.push(...containerTargets(context.pods ?? {}))
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
