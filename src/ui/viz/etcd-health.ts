import type { EtcdRecord } from '../../protocol/records'
import type { EtcdMemberView } from '../../sim/index'

export type EtcdState = 'writable' | 'electing' | 'failing-over' | 'read-only' | 'unavailable'

export interface EtcdHealth {
  state: EtcdState
  tone: 'ok' | 'warn' | 'error'
  /** One sentence on what clients can do now (the Raft panel's status line). */
  text: string
  /** A few words for the map, longest first: the map uses the first that fits. */
  short: string[]
}

/** Members that can talk to at least a quorum of voters (counting themselves). */
function withQuorum(etcd: EtcdRecord, member: EtcdMemberView): boolean {
  const reachable = etcd.voters.filter((id) => {
    if (id === member.id) return member.running
    const peer = etcd.members.find((m) => m.id === id)
    const link = etcd.links.find(
      (l) => (l.a === id && l.b === member.id) || (l.b === id && l.a === member.id),
    )
    return peer?.running === true && link?.blocked !== true
  })
  return reachable.length >= etcd.quorum
}

const linkCut = (etcd: EtcdRecord, a: string, b: string) =>
  etcd.links.some((l) => l.blocked && ((l.a === a && l.b === b) || (l.a === b && l.b === a)))

/**
 * What the API server can do with etcd now, judged from its own side: writes and linearizable
 * reads need a leader reachable with a quorum; with no member running or reachable every request
 * waits until kube-apiserver's --request-timeout (60 s) and fails with 504 Timeout.
 */
export function etcdHealth(etcd: EtcdRecord): EtcdHealth {
  const client = etcd.clients[0]
  const endpoint = client?.endpoint
  const member = etcd.members.find((m) => m.id === endpoint)
  const reachable = etcd.members.filter(
    (m) => m.running && !m.removed && !(client && linkCut(etcd, client.id, m.id)),
  )
  const leaderView = etcd.members.find((m) => m.id === etcd.leader)
  if (reachable.length === 0)
    return {
      state: 'unavailable',
      tone: 'error',
      text: `etcd is unavailable: no member is running${etcd.members.some((m) => m.running) ? ' that the API server can reach' : ''}. The API server can neither read nor write: every request waits out its 60 s request timeout, then fails with “504 Timeout”. Running Pods keep running; nothing can change.`,
      short: ['etcd unavailable', 'unavailable'],
    }
  if (!member?.running || (client && linkCut(etcd, client.id, member.id)))
    return {
      state: 'failing-over',
      tone: 'warn',
      text: `The API server's member ${endpoint ?? '?'} is gone; the API server fails over to ${reachable[0]?.id ?? '?'}.`,
      short: ['failing over', 'failover'],
    }
  if (member.leader === '' || !withQuorum(etcd, member))
    return {
      state: 'read-only',
      tone: 'error',
      text: `Read-only: ${member.id} (the API server's member) has no quorum. Writes and linearizable reads fail ("etcdserver: request timed out"); only serializable reads are served, possibly stale. Running Pods keep running.`,
      short: ['read-only: no quorum', 'no quorum'],
    }
  if (!leaderView)
    return { state: 'electing', tone: 'warn', text: 'Electing a leader…', short: ['electing', ''] }
  return {
    state: 'writable',
    tone: 'ok',
    text: `Writable: ${leaderView.id} leads term ${String(leaderView.term)}; a write commits once ${String(etcd.quorum)} of ${String(etcd.voters.length)} members have it on disk.`,
    short: [],
  }
}
