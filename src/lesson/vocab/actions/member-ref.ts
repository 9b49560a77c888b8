import type { Facts } from '../facts'

/** Names that stand for whichever etcd member plays that role when the action runs. */
export const ROLE_NAMES = ['etcd leader', 'etcd follower'] as const

/**
 * Resolves `etcd leader` / `etcd follower` (the first running follower, by id) to a member id
 * now; any other name is returned as it is.
 */
export function resolveMember(name: string, facts: Facts): string | { error: string } {
  if (!(ROLE_NAMES as readonly string[]).includes(name)) return name
  const members = facts.etcd().members.filter((m) => m.running && !m.removed)
  const wanted = name === 'etcd leader' ? 'leader' : 'follower'
  const found = members.find((m) => m.role === wanted)
  return found ? found.id : { error: `no running etcd member is a ${wanted} right now` }
}
