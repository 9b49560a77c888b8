import { describe, expect, it } from 'vitest'
import type { ComponentRecord, MessageRecord } from '../../protocol/records'
import { layoutCluster } from './cluster-layout'
import { displayTime } from './display-clock'
import { messageFrame } from './message-frame'
import { labelObstacles } from './message-labels'
import { quorumActivity } from './quorum-pulse'

const components: ComponentRecord[] = [
  { id: 'kubectl', kind: 'kubectl', host: 'control-plane', running: true },
  { id: 'kube-apiserver', kind: 'kube-apiserver', host: 'control-plane', running: true },
  ...[1, 2, 3].map((i) => ({
    id: `etcd-${String(i)}`,
    kind: 'etcd' as const,
    host: 'control-plane',
    running: true,
  })),
]

const message = (
  id: number,
  from: string,
  to: string,
  label: string,
  extra: Partial<MessageRecord> = {},
): MessageRecord => ({ id, from, to, label, sentAtMs: 100, deliverAtMs: 110, ...extra })

describe('messages on the map', () => {
  const layout = layoutCluster(components, { width: 1000 })
  const obstacles = labelObstacles(layout)
  const inFlight = [
    message(1, 'kube-apiserver', 'etcd-1', 'Txn put /registry/pods/default/web', { step: 2 }),
    message(2, 'etcd-1', 'etcd-2', 'MsgProp t0', { step: 2, detail: { type: 'MsgProp' } }),
    message(3, 'etcd-2', 'etcd-3', 'MsgHeartbeat t1', { detail: { type: 'MsgHeartbeat' } }),
  ]

  it('shows replication inside etcd as one pulse with one label, not its Raft messages', () => {
    const frame = messageFrame(layout, obstacles, inFlight, 105, false)
    expect(frame.dots.map((d) => d.message.id)).toEqual([1])
    expect(frame.pulse).toBeDefined()
    expect(frame.labels.map((l) => l.text.slice(0, 26))).toEqual([
      'replicate to a quorum',
      '2 · Txn put /registry/pods',
    ])
  })

  it('shows every Raft message with expert detail', () => {
    const frame = messageFrame(layout, obstacles, inFlight, 105, true)
    expect(frame.dots.map((d) => d.message.id).sort()).toEqual([1, 2, 3])
    expect(frame.pulse).toBeUndefined()
  })

  it('draws a message only between its send and delivery, at its share of the route', () => {
    expect(messageFrame(layout, obstacles, inFlight, 99, false).dots).toEqual([])
    expect(messageFrame(layout, obstacles, inFlight, 110, false).dots).toEqual([])
    const start = messageFrame(layout, obstacles, inFlight, 100, false).dots[0]
    const end = messageFrame(layout, obstacles, inFlight, 109.9, false).dots[0]
    const api = layout.components['kube-apiserver']
    const etcd = layout.components['etcd-1']
    expect(start && api && Math.abs(start.x - (api.x + api.width)) < 1).toBe(true)
    expect(end && etcd && Math.abs(end.x - etcd.x) < 1).toBe(true)
  })

  it('names what etcd does: nothing for heartbeats, an election for votes', () => {
    expect(quorumActivity([inFlight[2] as MessageRecord], 105)).toBeUndefined()
    expect(
      quorumActivity(
        [message(4, 'etcd-1', 'etcd-3', 'MsgVote t2', { detail: { type: 'MsgVote' } })],
        105,
      ),
    ).toBe('elect a leader')
  })

  it('draws at the latest frame’s time, never ahead of what the simulation computed', () => {
    expect(displayTime({ simTimeMs: 1000 })).toBe(1000)
  })
})
