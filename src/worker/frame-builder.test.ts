import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../sim/index'
import { sliceTrace } from './frame-builder'

const sent = (id: number, type: string): SimEvent => ({
  type: 'MessageSent',
  id,
  from: 'etcd-1',
  to: 'etcd-2',
  label: `${type} t2`,
  deliverAtMs: 2,
  detail: { type },
  atMs: 0,
  seq: id,
})

describe('sliceTrace', () => {
  it('keeps every election and append message but only the last 4 heartbeats of a frame', () => {
    const events = [
      ...Array.from({ length: 30 }, (_, i) => sent(i, 'MsgHeartbeat')),
      sent(100, 'MsgVote'),
      sent(101, 'MsgApp'),
    ]
    const slice = sliceTrace(events)
    expect(slice.messages.map((m) => m.id)).toEqual([26, 27, 28, 29, 100, 101])
    expect(slice.dropped).toBe(26)
  })

  it('caps Raft messages at 16 per frame, keeping the newest', () => {
    const slice = sliceTrace(Array.from({ length: 20 }, (_, i) => sent(i, 'MsgApp')))
    expect(slice.messages.map((m) => m.id)).toEqual(Array.from({ length: 16 }, (_, i) => i + 4))
  })
})
