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

/** One line per thing that is broken now, for the top of the map. Pure. */
export function clusterAlerts(
  components: readonly ComponentRecord[],
  etcd: EtcdHealth | undefined,
): ClusterAlert[] {
  const alerts: ClusterAlert[] = []
  if (etcd && etcd.tone !== 'ok') alerts.push({ tone: etcd.tone, text: etcd.text })
  for (const c of components) {
    const consequence = CONSEQUENCE[c.kind]
    if (!c.running && consequence)
      alerts.push({ tone: 'warn', text: `${c.id} is stopped: ${consequence}.` })
  }
  return alerts
}
