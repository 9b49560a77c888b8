import { describe, expect, it } from 'vitest'
import type { Frame } from '../protocol/messages'
import type { CrashRecord } from '../protocol/records'
import { applyFrame, dismissDroppedAction, recordDroppedAction } from './apply-frame'
import { createAppStore } from './store'

const frame = (crashes: CrashRecord[]): Frame => ({
  seq: 1,
  simTimeMs: 10_000,
  horizonMs: 10_000,
  traceLength: 0,
  playing: true,
  speed: 1,
  followMessages: false,
  effectiveRate: 1,
  delta: { upserted: [], removed: [] },
  messages: [],
  narration: [],
  kubectl: [],
  droppedEvents: 0,
  crashes,
})
const crash = (atMs: number): CrashRecord => ({
  actor: 'kube-apiserver',
  error: 'TypeError: x is not iterable',
  atMs,
  restartAtMs: atMs + 1_000,
  restarts: 1,
  restarter: 'the kubelet',
})

describe('recovery notices in the store', () => {
  it('keeps the five latest component crashes a frame reports', () => {
    const store = createAppStore()
    applyFrame(store, frame([crash(1), crash(2), crash(3)]))
    applyFrame(store, frame([crash(4), crash(5), crash(6)]))
    expect(store.getState().crashes.map((c) => c.atMs)).toEqual([2, 3, 4, 5, 6])
  })

  it('answers a dropped kubectl command with an error, so nothing waits for it, and can be dismissed', () => {
    const store = createAppStore()
    store.setState({ pendingCommands: { 'ui-1': 'apply -f -' }, workerError: 'restarting it' })
    recordDroppedAction(store, {
      summary: 'kubectl apply -f - (Pod p)',
      atMs: 5_000,
      reason: 'Uncaught Error: boom',
      action: { type: 'runKubectl', commandId: 'ui-1', command: 'apply -f -', stdin: '' },
    })
    const state = store.getState()
    expect(state.pendingCommands).toEqual({})
    expect(state.workerError).toBeUndefined()
    expect(state.kubectl.at(-1)).toEqual({
      commandId: 'ui-1',
      exitCode: 1,
      output:
        'error: this command was not run: replaying it crashed the simulation again (Uncaught Error: boom)',
      atMs: 5_000,
    })
    expect(state.droppedActions).toEqual([
      { summary: 'kubectl apply -f - (Pod p)', atMs: 5_000, reason: 'Uncaught Error: boom' },
    ])
    dismissDroppedAction(store, 0)
    expect(store.getState().droppedActions).toEqual([])
  })

  it('replaces the answer of a dropped command that had finished, and stops following its object', () => {
    const store = createAppStore()
    store.setState({
      kubectl: [{ commandId: 'ui-2', exitCode: 0, output: 'pod/poison created', atMs: 1 }],
      flow: {
        id: 1,
        cause: 'apply -f -',
        commandId: 'ui-2',
        causeAtMs: 1,
        pod: 'poison',
        caption: 'Following Pod poison, which you applied.',
        steps: [],
        lines: [],
      },
    })
    recordDroppedAction(store, {
      summary: 'kubectl apply -f - (Pod poison)',
      atMs: 1,
      reason: 'boom',
      action: {
        type: 'runKubectl',
        commandId: 'ui-2',
        command: 'apply -f -',
        stdin: 'kind: Pod\nmetadata:\n  name: poison\n',
      },
    })
    const state = store.getState()
    expect(state.kubectl.filter((k) => k.commandId === 'ui-2').map((k) => k.exitCode)).toEqual([1])
    expect(state.flow).toBeUndefined()
  })
})
