import { afterEach, describe, expect, it } from 'vitest'
import type { FollowStep } from '../protocol/presenter'
import { PRESENTER_CHANNEL } from '../protocol/presenter'
import type { RecordedAction } from '../sim/index'
import {
  PresenterBroadcaster,
  PresenterFollower,
  type ChannelLike,
  type InstructorState,
} from './presenter-link'

const open: ChannelLike[] = []
/** Node's own BroadcastChannel: the same API and delivery as the browser's. */
const channel = (): ChannelLike => {
  const c = new BroadcastChannel(PRESENTER_CHANNEL) as unknown as ChannelLike
  open.push(c)
  return c
}
afterEach(() => {
  for (const c of open.splice(0)) c.close()
})
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

const STOP: RecordedAction = { atMs: 4_000, action: { type: 'stopComponent', id: 'etcd-1' } }

function instructor(): InstructorState {
  return {
    options: {
      seed: 7,
      nodes: 3,
      etcdMembers: 3,
      preVote: true,
      checkQuorum: true,
      controlPlanes: 1,
      systemPods: true,
    },
    actions: [],
    timeMs: 3_000,
    playing: false,
    speed: 1,
    followMessages: true,
    view: { panel: 'map', theme: 'light', largeType: false, showDetail: false },
  }
}

function pair(session = 'abc') {
  const state = instructor()
  const steps: FollowStep[] = []
  const broadcaster = new PresenterBroadcaster(channel(), 'abc', () => state)
  const follower = new PresenterFollower(channel(), session, (s) => steps.push(s))
  return { state, steps, broadcaster, follower }
}

describe('presenter link over BroadcastChannel', () => {
  it('a presenter that says hello gets a snapshot and loads the same cluster and log', async () => {
    const { steps, follower } = pair()
    follower.hello()
    await settle()
    expect(steps).toEqual([
      {
        load: { options: instructor().options, actions: [], timeMs: 3_000 },
        view: instructor().view,
        status: 'following',
      },
    ])
    expect(follower.following).toBe(true)
  })

  it('follows play, seek and a new action; the log is sent only when it changed', async () => {
    const { state, steps, broadcaster, follower } = pair()
    follower.hello()
    await settle()
    state.playing = true
    broadcaster.update()
    state.timeMs = 4_000
    state.actions = [STOP]
    broadcaster.update()
    state.timeMs = 4_016
    broadcaster.update()
    broadcaster.update() // nothing moved: no message
    await settle()
    expect(steps.slice(1).map((s) => s.mirror)).toEqual([
      { timeMs: 3_000, playing: true, speed: 1, followMessages: true },
      { timeMs: 4_000, playing: true, speed: 1, followMessages: true, actions: [STOP] },
      { timeMs: 4_016, playing: true, speed: 1, followMessages: true },
    ])
  })

  it('carries the panel, theme, large type and detail switch', async () => {
    const { state, steps, broadcaster, follower } = pair()
    follower.hello()
    await settle()
    state.view = { panel: 'raft', theme: 'dark', largeType: true, showDetail: true }
    broadcaster.update()
    await settle()
    expect(steps.at(-1)?.view).toEqual(state.view)
  })

  it('ignores another session’s instructor, and says when the instructor went away', async () => {
    const { steps, broadcaster, follower } = pair('other-session')
    follower.hello()
    broadcaster.snapshot()
    await settle()
    expect(steps).toEqual([])
    const mine = pair()
    mine.broadcaster.close()
    await settle()
    expect(mine.steps.at(-1)).toEqual({ status: 'ended' })
  })

  it('ignores messages that are not the protocol’s', async () => {
    const { steps } = pair()
    const stray = channel()
    stray.postMessage({ kind: 'tick', v: 1, session: 'abc', timeMs: -5 })
    stray.postMessage('hello')
    stray.postMessage({ kind: 'snapshot', v: 2, session: 'abc' })
    await settle()
    expect(steps).toEqual([])
  })
})
