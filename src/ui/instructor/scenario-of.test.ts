import { describe, expect, it } from 'vitest'
import { actionLogSchema } from '../../protocol/scenario/action-schema'
import { recordedLog } from './scenario-of'

describe('recordedLog', () => {
  it('keeps what the simulation recorded and drops what the page added, so strict schemas accept it', () => {
    const shown = [
      { atMs: 5, action: { type: 'stopComponent' as const, id: 'etcd-1' }, summary: 'stop etcd-1' },
      {
        atMs: 10_005,
        action: { type: 'startComponent' as const, id: 'etcd-1' },
        scheduledAtMs: 5,
        summary: 'start etcd-1',
      },
    ]
    const log = recordedLog(shown)
    expect(log).toEqual([
      { atMs: 5, action: { type: 'stopComponent', id: 'etcd-1' } },
      { atMs: 10_005, action: { type: 'startComponent', id: 'etcd-1' }, scheduledAtMs: 5 },
    ])
    expect(actionLogSchema.safeParse(log).success).toBe(true)
    expect(actionLogSchema.safeParse(shown).success).toBe(false)
  })
})
