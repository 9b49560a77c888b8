import { describe, expect, it } from 'vitest'
import type { Frame } from '../protocol/messages'
import { SimHost } from './host'
import { lastFrame, makeHost } from './testing/fake-host'
import { podManifest } from './testing/manifests'

const POD = podManifest()

describe('SimHost', () => {
  it('boots the cluster and sends one reset frame with the nodes', () => {
    const { send, frames } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    const frame = lastFrame(frames())
    expect(frame.simTimeMs).toBe(3000)
    const nodes = frame.reset?.objects.filter((o) => o.kind === 'Node').map((o) => o.key)
    expect(nodes?.sort()).toEqual([
      '/registry/minions/node-1',
      '/registry/minions/node-2',
      '/registry/minions/node-3',
    ])
    expect(frame.reset?.components.some((c) => c.id === 'kubelet/node-2')).toBe(true)
  })

  it('plays against the wall clock, one frame per tick, sending deltas not whole state', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({
      type: 'dispatch',
      action: { type: 'runKubectl', commandId: 'c1', command: 'apply -f -', stdin: POD },
    })
    send({ type: 'setSpeed', speed: 64 })
    send({ type: 'setFollowMessages', on: false })
    const before = frames().length
    send({ type: 'play' })
    runWall(2000)
    const played = frames().slice(before)
    expect(played.length).toBeLessThanOrEqual(2000 / 16 + 2)
    expect(played.every((f) => f.reset === undefined)).toBe(true)
    const pod = played
      .flatMap((f) => f.delta.upserted)
      .filter((r) => r.kind === 'Pod')
      .at(-1)
    expect(pod).toMatchObject({ name: 'web', status: 'Running' })
    expect(played.flatMap((f) => f.kubectl)).toEqual([
      expect.objectContaining({ commandId: 'c1', exitCode: 0, output: 'pod/web created' }),
    ])
    expect(lastFrame(frames()).simTimeMs).toBeGreaterThan(3000 + 60_000)
  })

  it('slows down while messages are in flight when following messages', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({ type: 'dispatch', action: { type: 'runKubectl', commandId: 'c1', command: 'get pods' } })
    send({ type: 'play' })
    runWall(300)
    const slow = lastFrame(frames())
    expect(slow.effectiveRate).toBeLessThan(0.1)
    expect(slow.simTimeMs - 3000).toBeLessThan(30)
  })

  it('steps to the next instant and seeks back to an earlier state', () => {
    const { send, frames } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({
      type: 'dispatch',
      action: { type: 'runKubectl', commandId: 'c1', command: 'apply -f -', stdin: POD },
    })
    send({ type: 'step' })
    expect(lastFrame(frames()).messages.length).toBeGreaterThan(0)
    send({ type: 'seek', timeMs: 20_000 })
    expect(
      lastFrame(frames()).delta.upserted.some((r) => r.kind === 'Pod' && r.status === 'Running'),
    ).toBe(true)
    send({ type: 'seek', timeMs: 1000 })
    const back = lastFrame(frames())
    expect(back.simTimeMs).toBe(1000)
    expect(back.reset?.objects.some((o) => o.kind === 'Pod')).toBe(false)
    expect(back.horizonMs).toBe(20_000)
  })

  it('rebuilds the same state from the action log after a crash', () => {
    const first = makeHost()
    first.send({ type: 'load', options: { seed: 4 }, bootMs: 3000 })
    first.send({
      type: 'dispatch',
      action: { type: 'runKubectl', commandId: 'c1', command: 'apply -f -', stdin: POD },
    })
    first.send({ type: 'seek', timeMs: 15_000 })
    const actions = first
      .frames()
      .flatMap((f) => f.actions ?? [])
      .slice(-1)
    const second = makeHost()
    second.send({
      type: 'load',
      options: { seed: 4 },
      bootMs: 3000,
      replay: actions,
      seekMs: 15_000,
    })
    const pods = (f: Frame) => (f.reset?.objects ?? []).filter((o) => o.kind === 'Pod')
    first.send({ type: 'seek', timeMs: 20_000 })
    first.send({ type: 'seek', timeMs: 15_000 })
    const rebuilt = pods(lastFrame(second.frames()))
    expect(rebuilt).toHaveLength(1)
    expect(rebuilt).toEqual(pods(lastFrame(first.frames())))
  })

  it('refuses a message from another protocol version with a clear error', () => {
    const { posted } = makeHost()
    const host = new SimHost(
      { postMessage: (m) => posted.push(m) },
      { nowMs: () => 0, setTimer: () => 0, clearTimer: () => undefined },
    )
    host.receive({ type: 'play', protocolVersion: 999 })
    const last = posted.at(-1)
    expect(last).toMatchObject({ type: 'error', fatal: true })
    expect(last?.type === 'error' ? last.message : '').toContain('protocol version mismatch')
  })

  it('streams the etcd cluster when it changes: roles on load, a cut link after a partition', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    const first = lastFrame(frames()).etcd
    expect(first?.members.filter((m) => m.role === 'leader')).toHaveLength(1)
    expect(first?.quorum).toBe(2)
    send({ type: 'dispatch', action: { type: 'partition', sides: [['etcd-1'], ['etcd-2']] } })
    send({ type: 'play' })
    runWall(32)
    const withEtcd = frames().filter((f) => f.etcd)
    const link = withEtcd[withEtcd.length - 1]?.etcd?.links.find(
      (l) => l.a === 'etcd-1' && l.b === 'etcd-2',
    )
    expect(link?.blocked).toBe(true)
  })

  it('sends the components again when a member is added', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({ type: 'dispatch', action: { type: 'addEtcdMember' } })
    send({ type: 'play' })
    runWall(32)
    const withComponents = frames().filter((f) => f.components)
    expect(withComponents.at(-1)?.components?.some((c) => c.id === 'etcd-4')).toBe(true)
  })

  it('says what a fork dropped: the later actions, once, and the flow and outputs rewind', () => {
    const { send, frames } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({ type: 'seek', timeMs: 5_000 })
    send({
      type: 'dispatch',
      action: { type: 'runKubectl', commandId: 'apply', command: 'apply -f -', stdin: POD },
    })
    send({ type: 'seek', timeMs: 15_000 })
    expect(lastFrame(frames()).flow?.pod).toBe('web')
    send({ type: 'seek', timeMs: 4_000 })
    const rewound = lastFrame(frames())
    expect(rewound.reset).toBeDefined()
    expect(rewound.flow).toBeNull()
    send({
      type: 'dispatch',
      action: { type: 'runKubectl', commandId: 'cordon', command: 'cordon node-1' },
    })
    expect(lastFrame(frames()).fork).toEqual({
      atMs: 4_000,
      horizonMs: 15_000,
      discarded: [{ atMs: 5_000, summary: 'kubectl apply -f - (Pod web)' }],
    })
    send({ type: 'seek', timeMs: 4_500 })
    expect(lastFrame(frames()).fork).toBeUndefined()
  })

  it('after a replay, answers the kubectl commands that finished in it (nothing waits forever)', () => {
    const { send, frames, posted } = makeHost()
    const action = {
      type: 'runKubectl' as const,
      commandId: 'ui-1',
      command: 'apply -f -',
      stdin: POD,
    }
    send({
      type: 'load',
      options: { seed: 1 },
      bootMs: 3000,
      replay: [{ atMs: 3000, action }],
      seekMs: 8000,
    })
    const reset = frames().find((f) => f.reset)
    expect(reset?.kubectl).toEqual([
      expect.objectContaining({ commandId: 'ui-1', exitCode: 0, output: 'pod/web created' }),
    ])
    // Progress for the client's recovery: which action is being replayed, then the end.
    expect(posted.filter((m) => m.type !== 'frame').map((m) => m.type)).toEqual([
      'replaying',
      'replayed',
    ])
    expect(posted.find((m) => m.type === 'replaying')).toMatchObject({
      index: 0,
      summary: 'kubectl apply -f - (Pod web)',
    })
  })

  it('dies (throws out of receive) applying an action an injected fault names', () => {
    const { send } = makeHost()
    send({ type: 'injectWorkerCrash', actionMatching: 'web' })
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    const action = {
      type: 'runKubectl' as const,
      commandId: 'c',
      command: 'apply -f -',
      stdin: POD,
    }
    expect(() => {
      send({ type: 'dispatch', action })
    }).toThrow('injected crash while applying kubectl apply -f - (Pod web)')
  })
})
