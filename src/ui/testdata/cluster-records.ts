// Records the worker would send, built small for the view tests: one place, so that a change to a
// record's shape is made once and every view test keeps describing the same cluster.
import type { ComponentRecord, EtcdRecord } from '../../protocol/records'
import type { EtcdMemberView } from '../../sim/index'

const CONTROL_PLANE = [
  'kubectl',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
] as const
const NODE_AGENTS = ['kubelet', 'kube-proxy', 'container-runtime'] as const

/** The components of a cluster as the map draws them: control plane, etcd members, node agents. */
export function clusterComponents(nodes: number, members = 1): ComponentRecord[] {
  const out: ComponentRecord[] = CONTROL_PLANE.map((kind) => ({
    id: kind,
    kind,
    host: 'control-plane',
    running: true,
  }))
  for (let i = 1; i <= members; i++)
    out.push({ id: `etcd-${i}`, kind: 'etcd', host: 'control-plane', running: true })
  for (let i = 1; i <= nodes; i++)
    for (const kind of NODE_AGENTS)
      out.push({ id: `${kind}/node-${i}`, kind, host: `node-${i}`, running: true })
  return out
}

/** A healthy, caught-up follower of a three-member cluster; `over` makes it what a test needs. */
export function etcdMember(id: string, over: Partial<EtcdMemberView> = {}): EtcdMemberView {
  return {
    id,
    running: true,
    removed: false,
    role: 'follower',
    term: 2,
    vote: '',
    leader: 'etcd-1',
    commit: 9,
    applied: 9,
    lastIndex: 9,
    snapshotIndex: 0,
    voters: ['etcd-1', 'etcd-2', 'etcd-3'],
    log: [],
    progress: {},
    electionElapsed: 0,
    electionTimeout: 14,
    lastTickMs: 0,
    tickMs: 100,
    fsyncMs: 2,
    revision: 5,
    pendingRequests: 0,
    ...over,
  }
}

/** Three voters and the API server, every pair linked; `blocked` pairs are partitioned. */
export function etcdRecord(
  members: EtcdMemberView[],
  blocked: [string, string][] = [],
  endpoint = 'etcd-1',
): EtcdRecord {
  const ids = [...members.map((m) => m.id), 'kube-apiserver']
  return {
    members,
    voters: ['etcd-1', 'etcd-2', 'etcd-3'],
    quorum: 2,
    tolerates: 1,
    leader: members.find((m) => m.role === 'leader')?.id ?? '',
    links: ids.flatMap((a, i) =>
      ids.slice(i + 1).map((b) => ({
        a,
        b,
        loss: 0,
        blocked: blocked.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
      })),
    ),
    clients: [{ id: 'kube-apiserver', endpoint }],
  }
}
