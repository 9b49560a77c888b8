import { describe, expect, it } from 'vitest'
import type { Frame } from '../protocol/messages'
import type { MessageRecord, PodRecord } from '../protocol/records'
import { applyFrame } from './apply-frame'
import { createAppStore } from './store'

const pod = (name: string, status = 'Pending'): PodRecord & { kind: 'Pod' } => ({
  kind: 'Pod',
  key: `/registry/pods/default/${name}`,
  uid: name,
  name,
  namespace: 'default',
  node: '',
  phase: 'Pending',
  status,
  ready: '0/1',
  restarts: 0,
  ip: '',
  createdMs: 0,
  owner: '',
})
const message = (
  id: number,
  step: 1 | 2 | 3 | 4 | 5 | 6,
  name: string,
  deliverAtMs = 100,
): MessageRecord => ({
  id,
  from: 'a',
  to: 'b',
  label: 'x',
  sentAtMs: 0,
  deliverAtMs,
  step,
  about: { kind: 'Pod', namespace: 'default', name },
})
const frame = (partial: Partial<Frame>): Frame => ({
  seq: 1,
  simTimeMs: 10,
  horizonMs: 10,
  traceLength: 0,
  playing: true,
  speed: 1,
  followMessages: true,
  effectiveRate: 1,
  delta: { upserted: [], removed: [] },
  messages: [],
  narration: [],
  kubectl: [],
  droppedEvents: 0,
  ...partial,
})

describe('applyFrame', () => {
  it('applies deltas without touching untouched records', () => {
    const store = createAppStore()
    applyFrame(store, frame({ reset: { objects: [pod('a'), pod('b')], components: [] } }))
    const b = store.getState().pods['/registry/pods/default/b']
    applyFrame(store, frame({ delta: { upserted: [pod('a', 'Running')], removed: [] } }))
    expect(store.getState().pods['/registry/pods/default/a']?.status).toBe('Running')
    expect(store.getState().pods['/registry/pods/default/b']).toBe(b)
    applyFrame(store, frame({ delta: { upserted: [], removed: ['/registry/pods/default/a'] } }))
    expect(store.getState().podKeys).toEqual(['/registry/pods/default/b'])
  })

  it('keeps only the messages still in flight', () => {
    const store = createAppStore()
    applyFrame(
      store,
      frame({ messages: [message(1, 1, 'web'), message(2, 2, 'web'), message(3, 5, 'other')] }),
    )
    expect(store.getState().inFlight.map((m) => m.id)).toEqual([1, 2, 3])
    applyFrame(store, frame({ simTimeMs: 150, messages: [message(4, 3, 'web', 200)] }))
    expect(store.getState().inFlight.map((m) => m.id)).toEqual([4])
  })

  it('takes the followed flow from the worker, and drops it when the worker says none', () => {
    const store = createAppStore()
    const flow = {
      id: 1,
      cause: 'apply -f -',
      commandId: 'ui-1',
      causeAtMs: 0,
      caption: 'Following Pod web, which you applied.',
      steps: [],
      lines: [],
    }
    applyFrame(store, frame({ flow }))
    expect(store.getState().flow?.caption).toBe(flow.caption)
    applyFrame(store, frame({}))
    expect(store.getState().flow?.id).toBe(1)
    applyFrame(store, frame({ flow: null }))
    expect(store.getState().flow).toBeUndefined()
  })

  it('keeps the latest Raft messages between members and marks the ones that were lost', () => {
    const store = createAppStore()
    const raft: MessageRecord = {
      id: 9,
      from: 'etcd-1',
      to: 'etcd-2',
      label: 'MsgVote t3',
      sentAtMs: 0,
      deliverAtMs: 2,
    }
    applyFrame(store, frame({ messages: [raft, message(10, 1, 'web')] }))
    expect(store.getState().recentRaft.map((m) => m.id)).toEqual([9])
    applyFrame(store, frame({ lost: [{ id: 9, reason: 'network partition' }] }))
    expect(store.getState().recentRaft[0]?.lost).toBe('network partition')
  })

  it('after a seek back, forgets what kubectl printed later and what it has not sent yet', () => {
    const store = createAppStore()
    const run = (commandId: string, atMs: number) => ({
      atMs,
      action: { type: 'runKubectl' as const, commandId, command: 'get pods' },
      summary: 'kubectl get pods',
    })
    store.setState({
      kubectl: [
        { commandId: 'early', exitCode: 0, output: 'No resources found', atMs: 1_000 },
        { commandId: 'late', exitCode: 0, output: 'pod/web created', atMs: 9_000 },
      ],
      actions: [run('early', 900), run('slow', 4_000), run('late', 8_900)],
    })
    applyFrame(
      store,
      frame({
        simTimeMs: 5_000,
        reset: { objects: [], components: [] },
        actions: [run('early', 900), run('slow', 4_000), run('late', 8_900)],
      }),
    )
    expect(store.getState().kubectl.map((k) => k.commandId)).toEqual(['early'])
    expect(Object.keys(store.getState().pendingCommands)).toEqual(['slow'])
  })
})
