import type { ComponentRecord, EtcdRecord, PodRecord } from '../../protocol/records'

/**
 * The map and the Raft ring in words, for screen readers (WCAG 1.1.1): what runs where, what is
 * stopped, which member leads, which links are cut, and where every Pod is. Pure.
 */
export interface ClusterDescription {
  machines: { name: string; components: string[] }[]
  pods: string[]
}

function componentState(c: ComponentRecord, etcd: EtcdRecord | undefined): string {
  if (!c.running) return `${c.id} (stopped)`
  const member = etcd?.members.find((m) => m.id === c.id)
  return member ? `${c.id} (${member.role}, term ${member.term})` : c.id
}

export function describeCluster(
  components: readonly ComponentRecord[],
  pods: readonly PodRecord[],
  etcd: EtcdRecord | undefined,
): ClusterDescription {
  const hosts = [...new Set(components.map((c) => c.host))]
  return {
    machines: hosts.map((host) => ({
      name: host,
      components: components.filter((c) => c.host === host).map((c) => componentState(c, etcd)),
    })),
    pods: pods.map(
      (p) => `${p.name}: ${p.status}${p.node !== '' ? ` on ${p.node}` : ', not scheduled yet'}`,
    ),
  }
}

/** One sentence for the ring: each member's role and term, the cut and lossy links. */
export function describeRing(etcd: EtcdRecord): string {
  const members = etcd.members
    .filter((m) => !m.removed)
    .map((m) => (m.running ? `${m.id} ${m.role}, term ${m.term}` : `${m.id} stopped`))
  const cut = etcd.links.filter((l) => l.blocked).map((l) => `${l.a}–${l.b}`)
  const lossy = etcd.links
    .filter((l) => !l.blocked && l.loss > 0)
    .map((l) => `${l.a}–${l.b} ${Math.round(l.loss * 100)}%`)
  return [
    `etcd members: ${members.join('; ')}.`,
    cut.length > 0 ? `Cut links: ${cut.join(', ')}.` : 'No link is cut.',
    ...(lossy.length > 0 ? [`Lossy links: ${lossy.join(', ')}.`] : []),
  ].join(' ')
}
