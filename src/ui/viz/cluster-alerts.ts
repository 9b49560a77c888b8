import type { ComponentRecord } from '../../protocol/records'
import type { EtcdHealth } from './etcd-health'

export interface ClusterAlert {
  tone: 'warn' | 'error'
  text: string
}

// What stops working when a control-plane component is down, in a student's words.
const CONSEQUENCE: Partial<Record<ComponentRecord['kind'], string>> = {
  'kube-apiserver': 'nothing can read or change the cluster; running Pods keep running',
  'kube-scheduler': 'new Pods stay Pending: nobody picks a node for them',
  'kube-controller-manager': 'ReplicaSets do not replace or add Pods',
}

// In an HA control plane, while another instance of the same kind runs: it carries on. The
// schedulers and controller managers elect a leader on a Lease (leaseDuration 15 s, see
// sim/runtime/leader-election.ts); the load balancer sends requests to the API servers left.
const HANDED_OVER: Partial<Record<ComponentRecord['kind'], string>> = {
  'kube-apiserver': 'the load balancer sends requests to the API servers still running',
  'kube-scheduler':
    'another scheduler leads (a standby takes the leader Lease once it expires, 15 s)',
  'kube-controller-manager':
    'another controller manager leads (a standby takes the leader Lease once it expires, 15 s)',
}

/** One line per thing that is broken now, for the top of the map. Pure. */
export function clusterAlerts(
  components: readonly ComponentRecord[],
  etcd: EtcdHealth | undefined,
): ClusterAlert[] {
  const alerts: ClusterAlert[] = []
  if (etcd && etcd.tone !== 'ok') alerts.push({ tone: etcd.tone, text: etcd.text })
  for (const c of components) {
    const consequence = CONSEQUENCE[c.kind]
    if (c.running || !consequence) continue
    const another = components.some((o) => o.kind === c.kind && o.running)
    alerts.push({
      tone: 'warn',
      text: `${c.id} is stopped: ${(another ? HANDED_OVER[c.kind] : undefined) ?? consequence}.`,
    })
  }
  return alerts
}
