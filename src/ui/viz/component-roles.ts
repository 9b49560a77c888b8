import type { ComponentRecord, LeaseRecord } from '../../protocol/records'

/** What a component's second line says: its leader-election role, or that it is stopped. */
export type ComponentRole = 'leader' | 'standby' | 'stopped'

const ELECTED = ['kube-controller-manager', 'kube-scheduler']

/**
 * Roles for the map: a stopped component says so; with several instances of kube-controller-
 * manager or kube-scheduler, the one on the host the kube-system Lease's holder names
 * ("<host>_<uuid>") is the leader and the other running ones stand by. Pure.
 */
export function componentRoles(
  components: readonly ComponentRecord[],
  leases: Readonly<Record<string, LeaseRecord>>,
): Record<string, ComponentRole> {
  const roles: Record<string, ComponentRole> = {}
  for (const kind of ELECTED) {
    const instances = components.filter((c) => c.kind === kind)
    if (instances.length < 2) continue
    const holder = leases[`/registry/leases/kube-system/${kind}`]?.holder ?? ''
    const host = holder.slice(0, holder.indexOf('_'))
    for (const c of instances) if (c.running) roles[c.id] = c.host === host ? 'leader' : 'standby'
  }
  for (const c of components) if (!c.running) roles[c.id] = 'stopped'
  return roles
}
