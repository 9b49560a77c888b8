import type { RecordedAction, SimAction } from '../../sim/index'
import type { Scenario } from './scenario'

const manifest = (name: string, replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: nginx:1.27
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`

/**
 * A class's worth of actions (50): ReplicaSets applied from the editor, kubectl commands, and
 * the instructor's faults with their heals, a few seconds apart. The URL-size test and the
 * replay benchmark both use it, so the figure in the README is the one the test guards.
 */
export function sampleScenario(count = 50): Scenario {
  const steps: ((i: number) => SimAction)[] = [
    (i) => ({
      type: 'runKubectl',
      commandId: `ui-${i}`,
      command: 'apply -f -',
      stdin: manifest(`web-${i}`, 1 + (i % 3)),
    }),
    (i) => ({ type: 'runKubectl', commandId: `ui-${i}`, command: 'get pods -o wide' }),
    () => ({ type: 'stopComponent', id: 'kube-scheduler' }),
    () => ({ type: 'startComponent', id: 'kube-scheduler' }),
    () => ({
      type: 'partition',
      sides: [
        ['etcd-1', 'kube-apiserver'],
        ['etcd-2', 'etcd-3'],
      ],
    }),
    () => ({
      type: 'healPartition',
      sides: [
        ['etcd-1', 'kube-apiserver'],
        ['etcd-2', 'etcd-3'],
      ],
    }),
    (i) => ({
      type: 'runKubectl',
      commandId: `ui-${i}`,
      command: `scale rs web-${i - 6} --replicas=2`,
    }),
    () => ({ type: 'setDiskLatency', id: 'etcd-2', fsyncMs: 200 }),
    () => ({ type: 'setDiskLatency', id: 'etcd-2', fsyncMs: 2 }),
    () => ({ type: 'raftTimeoutNow', id: 'etcd-3' }),
  ]
  const actions: RecordedAction[] = []
  for (let i = 0; i < count; i++) {
    const make = steps[i % steps.length] as (i: number) => SimAction
    actions.push({ atMs: 3_000 + i * 2_500, action: make(i) })
  }
  return {
    seed: 42,
    nodes: 3,
    etcdMembers: 3,
    preVote: true,
    checkQuorum: true,
    actions,
    timeMs: 3_000 + count * 2_500 + 5_000,
    panel: 'raft',
  }
}
