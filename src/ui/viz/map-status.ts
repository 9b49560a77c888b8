import type {
  ComponentRecord,
  EtcdRecord,
  LeaseRecord,
  NodeRecord,
  PodRecord,
} from '../../protocol/records'
import { componentRoles, type ComponentRole } from './component-roles'
import { etcdHealth, type EtcdHealth } from './etcd-health'
import type { ShownTexts } from './layout-text'

export type StatusTone = 'stopped' | 'leader' | 'standby' | 'warn' | 'error'

/** What the map says about the cluster's state, beyond its layout. */
export interface MapStatus extends ShownTexts {
  /** How each component's box and status line look, by component id. */
  tones: Readonly<Record<string, StatusTone>>
  /** etcd as the API server sees it (undefined before the first frame with it). */
  etcd?: EtcdHealth | undefined
}

export interface MapInputs {
  components: readonly ComponentRecord[]
  nodes: Readonly<Record<string, NodeRecord>>
  pods: readonly PodRecord[]
  etcd?: EtcdRecord | undefined
  /** Leader-election Leases (kube-system), for the HA control plane's leader and standbys. */
  leases?: Readonly<Record<string, LeaseRecord>> | undefined
}

/**
 * A node's badge: NotReady (its kubelet stopped posting, or reports not ready), then what the
 * scheduler will respect on it (cordoned, taints, labels).
 */
export function nodeBadge(record: NodeRecord | undefined): string {
  if (!record) return ''
  const labels = Object.keys(record.labels).length
  const taints = record.taints.length
  return [
    record.status.startsWith('NotReady') ? 'NotReady' : '',
    record.unschedulable ? 'cordoned' : '',
    taints > 0 ? `${String(taints)} taint${taints > 1 ? 's' : ''}` : '',
    labels > 0 ? `${String(labels)} label${labels > 1 ? 's' : ''}` : '',
  ]
    .filter((p) => p !== '')
    .join(' · ')
}

/** A member whose links to every other voter are cut (the minority side of a partition). */
function cutOff(etcd: EtcdRecord, id: string): boolean {
  const others = etcd.voters.filter((v) => v !== id)
  return (
    others.length > 0 &&
    others.every((o) =>
      etcd.links.some((l) => l.blocked && ((l.a === id && l.b === o) || (l.a === o && l.b === id))),
    )
  )
}

/** One component's status line and tone, from its record and (for members) etcd's view. */
function componentStatus(
  c: ComponentRecord,
  etcd: EtcdRecord | undefined,
  health: EtcdHealth | undefined,
  role: ComponentRole | undefined,
): [string, StatusTone] | undefined {
  const member = c.kind === 'etcd' ? etcd?.members.find((m) => m.id === c.id) : undefined
  if (member?.crash) return ['crashed', 'error']
  if (!c.running || member?.running === false) return ['stopped', 'stopped']
  if (member && etcd && cutOff(etcd, member.id)) return ['cut off', 'error']
  if (role === 'leader') return ['leader', 'leader']
  if (role === 'standby') return ['standby', 'standby']
  if (member?.role === 'leader') return ['leader', 'leader']
  if (member?.role === 'candidate' || member?.role === 'pre-candidate') return ['electing', 'warn']
  if (c.kind === 'kube-apiserver' && health?.state === 'unavailable')
    return ['etcd unreachable', 'error']
  if (c.kind === 'kube-apiserver' && health?.state === 'read-only') return ['read-only', 'error']
  return undefined
}

/**
 * The map's status lines and badges: stopped components, etcd's leader and campaigners, the HA
 * control plane's leading and standby controller managers and schedulers, etcd read-only without
 * a quorum or unavailable, node badges (NotReady first), and how many Pod chips each area has.
 * Pure.
 */
export function mapStatus(input: MapInputs): MapStatus {
  const health = input.etcd ? etcdHealth(input.etcd) : undefined
  const roles = componentRoles(input.components, input.leases ?? {})
  const subs: Record<string, string> = {}
  const tones: Record<string, StatusTone> = {}
  for (const c of input.components) {
    const status = componentStatus(c, input.etcd, health, roles[c.id])
    if (!status) continue
    subs[c.id] = status[0]
    tones[c.id] = status[1]
  }
  const badges: Record<string, string> = {}
  for (const record of Object.values(input.nodes)) badges[record.name] = nodeBadge(record)
  const etcdBadge = health?.short[0]
  if (etcdBadge) badges['etcd'] = etcdBadge
  const chips: Record<string, number> = {}
  for (const pod of input.pods) {
    const area = pod.node === '' ? 'pending' : pod.node
    chips[area] = (chips[area] ?? 0) + 1
  }
  return { subs, tones, badges, chips, etcd: health }
}
