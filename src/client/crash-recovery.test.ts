import { describe, expect, it } from 'vitest'
import type { RecordedAction } from '../sim/index'
import { CrashRecovery } from './crash-recovery'

const actions: RecordedAction[] = [
  { atMs: 3_000, action: { type: 'stopComponent', id: 'kube-scheduler' } },
  { atMs: 4_000, action: { type: 'startComponent', id: 'kube-scheduler' } },
]
const summaries = ['stop kube-scheduler', 'start kube-scheduler']

describe('CrashRecovery', () => {
  it('restarts once per distinct cause, then drops the action the replay died on', () => {
    const recovery = new CrashRecovery()
    expect(recovery.onCrash('boom', actions, summaries).kind).toBe('restart')
    recovery.loading()
    recovery.replaying(0, 'stop kube-scheduler')
    recovery.replaying(1, 'start kube-scheduler')
    // A new cause (a crash while replaying action 1) restarts again ...
    expect(recovery.onCrash('boom', actions, summaries).kind).toBe('restart')
    recovery.loading()
    recovery.replaying(0, 'stop kube-scheduler')
    recovery.replaying(1, 'start kube-scheduler')
    // ... the same one at the same action drops it.
    const decision = recovery.onCrash('boom', actions, summaries)
    expect(decision).toMatchObject({
      kind: 'drop',
      dropped: { index: 1, atMs: 4_000, summary: 'start kube-scheduler', reason: 'boom' },
    })
  })

  it('blames the last action for a crash that repeats after a finished replay', () => {
    const recovery = new CrashRecovery()
    recovery.onCrash('late', actions, summaries)
    recovery.loading()
    recovery.replaying(0, 'stop kube-scheduler')
    recovery.replaying(1, 'start kube-scheduler')
    recovery.replayed()
    expect(recovery.onCrash('late', actions, summaries)).toMatchObject({
      kind: 'drop',
      dropped: { index: 1 },
    })
  })

  it('gives up on a repeated crash while booting with nothing to drop', () => {
    const recovery = new CrashRecovery()
    recovery.loading()
    expect(recovery.onCrash('boot', [], []).kind).toBe('restart')
    recovery.loading()
    expect(recovery.onCrash('boot', [], []).kind).toBe('give-up')
  })

  it('always restarts after a deliberate kill, which is not a cause', () => {
    const recovery = new CrashRecovery()
    for (let i = 0; i < 3; i++) {
      expect(recovery.onCrash('killed', actions, summaries, true).kind).toBe('restart')
      recovery.progressed()
    }
  })

  it('stops after six restarts in a row without one frame of progress', () => {
    const recovery = new CrashRecovery()
    const kinds = Array.from(
      { length: 7 },
      (_, i) => recovery.onCrash(`cause ${i}`, actions, summaries).kind,
    )
    expect(kinds).toEqual([
      'restart',
      'restart',
      'restart',
      'restart',
      'restart',
      'restart',
      'give-up',
    ])
  })
})
