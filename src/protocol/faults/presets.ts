import type { FaultContext, FaultPlan, FaultStep } from './catalog'

/**
 * The classics, one click each. A preset reads the cluster as it is now (who leads, which member
 * the API server uses) and becomes ordinary fault steps, so what is recorded is what happened
 * ("stop etcd-2"), and a replay repeats it even if a different member would lead by then.
 */
export interface Preset {
  id: string
  label: string
  /** What the class will see, in one sentence (the panel's description). */
  expect: string
  build(context: FaultContext): FaultStep[] | { error: string }
}

const live = (context: FaultContext) =>
  (context.etcd?.members ?? []).filter((m) => !m.removed && m.running)

const stop = (id: string): FaultStep => ({
  action: { type: 'stopComponent', id },
  heal: [{ type: 'startComponent', id }],
})

export const PRESETS: Preset[] = [
  {
    id: 'kill-etcd-leader',
    label: 'Kill the etcd leader',
    expect:
      'The followers stop hearing heartbeats; within about 1–2 s one campaigns and a new leader is elected at a higher term.',
    build: (context) => {
      const leader = live(context).find((m) => m.role === 'leader')
      return leader ? [stop(leader.id)] : { error: 'etcd has no leader right now' }
    },
  },
  {
    id: 'split-brain',
    label: 'Split brain',
    expect:
      'The API server and its etcd member are cut off from the others: that side has no quorum, so writes fail there; the majority elects its own leader.',
    build: (context) => {
      const client = context.etcd?.clients[0]
      const others = (context.etcd?.members ?? [])
        .filter((m) => !m.removed && m.id !== client?.endpoint)
        .map((m) => m.id)
      if (!client || others.length < 2)
        return { error: 'a split brain needs at least 3 etcd members' }
      const sides: [string[], string[]] = [[client.id, client.endpoint], others]
      return [{ action: { type: 'partition', sides }, heal: [{ type: 'healPartition', sides }] }]
    },
  },
  {
    id: 'lose-quorum',
    label: 'Lose quorum',
    expect:
      'A majority of etcd members stop. The one left cannot commit: every write fails, reads that need a leader fail, running Pods keep running.',
    build: (context) => {
      const members = live(context)
      const voters = context.etcd?.voters.length ?? 0
      const quorum = Math.floor(voters / 2) + 1
      // Stop enough members that fewer than a quorum run; keep the API server's own member up,
      // so the class sees a running etcd that still cannot write.
      const mine = context.etcd?.clients[0]?.endpoint
      const victims = [...members]
        .sort((a, b) => Number(a.id === mine) - Number(b.id === mine))
        .slice(0, Math.max(0, members.length - quorum + 1))
      if (victims.length === 0) return { error: 'etcd has already lost its quorum' }
      return victims.map((m) => stop(m.id))
    },
  },
  {
    id: 'stop-scheduler',
    label: 'Stop the scheduler',
    expect: 'New Pods are stored but stay Pending: nobody binds them to a node.',
    build: () => [stop('kube-scheduler')],
  },
  {
    id: 'stop-apiserver',
    label: 'Stop the API server',
    expect:
      'kubectl fails to connect; controllers and kubelets lose their watches. Running Pods keep running.',
    build: () => [stop('kube-apiserver')],
  },
  {
    id: 'slow-etcd-disk',
    label: 'Slow etcd disk',
    expect:
      'The leader’s WAL fsync stalls for 1.5 s: heartbeats go out late, followers time out, elections churn.',
    build: (context) => {
      const leader = live(context).find((m) => m.role === 'leader') ?? live(context)[0]
      if (!leader) return { error: 'no etcd member is running' }
      return [
        {
          action: { type: 'setDiskLatency', id: leader.id, fsyncMs: 1_500 },
          heal: [{ type: 'setDiskLatency', id: leader.id, fsyncMs: leader.fsyncMs }],
        },
      ]
    },
  },
]

/** A preset as a plan, or why it cannot run now. */
export function planPreset(
  context: FaultContext,
  id: string,
  healAfterMs?: number,
): FaultPlan | { error: string } {
  const preset = PRESETS.find((p) => p.id === id)
  if (!preset) return { error: `there is no preset "${id}"` }
  const steps = preset.build(context)
  if ('error' in steps) return steps
  return {
    label: preset.label,
    steps,
    ...(healAfterMs !== undefined ? { healAfterMs } : {}),
  }
}
