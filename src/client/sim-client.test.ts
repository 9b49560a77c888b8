import { describe, expect, it } from 'vitest'
import type { Frame, FromWorker, ToWorker } from '../protocol/messages'
import { SimHost } from '../worker/host'
import { WorkerCrash } from '../worker/worker-crash'
import { SimClient, type DroppedAction, type HostEndpoint } from './sim-client'
import { podManifest } from '../worker/testing/manifests'

const pod = (name: string) => podManifest(name)

/**
 * A client wired to real SimHosts, synchronously: a host that throws kills its "worker" the way
 * an uncaught error would (an error event), and every restart spawns a fresh host.
 */
function harness() {
  const frames: Frame[] = []
  const errors: { message: string; fatal: boolean }[] = []
  const dropped: DroppedAction[] = []
  let spawned = 0
  const spawn = (): HostEndpoint => {
    spawned++
    let dead = false
    const endpoint: HostEndpoint = {
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage: (message: unknown) => {
        if (dead) return
        try {
          host.receive(message as ToWorker)
        } catch (error) {
          dead = true
          const text = error instanceof WorkerCrash || error instanceof Error ? error.message : ''
          endpoint.onerror?.({
            message: `Uncaught ${text}`,
            preventDefault: () => undefined,
          } as ErrorEvent)
        }
      },
      terminate: () => {
        dead = true
      },
    }
    const host = new SimHost(
      {
        postMessage: (data: FromWorker) => {
          if (!dead) endpoint.onmessage?.({ data } as MessageEvent)
        },
      },
      { nowMs: () => 0, setTimer: () => 0, clearTimer: () => undefined },
    )
    return endpoint
  }
  const client = new SimClient(
    spawn,
    {
      onFrames: (f) => frames.push(...f),
      onError: (message, fatal) => errors.push({ message, fatal }),
      onConnection: () => undefined,
      onActionDropped: (d) => dropped.push(d),
    },
    (callback) => {
      callback()
    },
  )
  client.start({ options: { seed: 5, nodes: 2 }, bootMs: 3_000 })
  const last = () => frames[frames.length - 1] as Frame
  const apply = (name: string) => {
    client.dispatch({
      type: 'runKubectl',
      commandId: name,
      command: 'apply -f -',
      stdin: pod(name),
    })
    client.seek(last().simTimeMs + 20_000)
  }
  const podNames = () =>
    frames
      .filter((f) => f.reset)
      .slice(-1)
      .flatMap((f) => f.reset?.objects ?? [])
      .filter((o) => o.kind === 'Pod')
      .map((o) => o.name)
  return { client, frames, errors, dropped, last, apply, podNames, spawned: () => spawned }
}

describe('SimClient crash recovery', () => {
  it('restarts a dead worker once and replays every action: nothing is lost', () => {
    const h = harness()
    h.apply('keep')
    h.client.simulateCrash()
    expect(h.spawned()).toBe(2)
    expect(h.errors.at(-1)?.message).toBe(
      'the simulation worker was terminated; restarting it and replaying your 1 action(s)',
    )
    const reset = h.frames.filter((f) => f.reset).at(-1)
    expect(reset?.actions?.map((a) => a.action.type)).toEqual(['runKubectl'])
    expect(h.podNames()).toEqual(['keep'])
  })

  it('drops the action a replay crashes on twice, with a notice, and replays the others', () => {
    const h = harness()
    h.apply('keep')
    h.apply('poison')
    h.apply('also-kept')
    h.client.injectWorkerCrash('poison')
    h.client.simulateCrash()
    // 1: the first worker; 2: killed, replays and dies at "poison"; 3: dies there again; 4: without it.
    expect(h.spawned()).toBe(4)
    expect(h.dropped).toHaveLength(1)
    expect(h.dropped[0]).toMatchObject({
      index: 1,
      summary: 'kubectl apply -f - (Pod poison)',
      reason: 'Uncaught injected crash while applying kubectl apply -f - (Pod poison)',
    })
    expect(h.dropped[0]?.action).toMatchObject({ commandId: 'poison' })
    expect(h.podNames().sort()).toEqual(['also-kept', 'keep'])
    expect(h.errors.some((e) => e.fatal)).toBe(false)
    // Four cluster boots and three replays in one test: more than Vitest's 5 s on a loaded machine.
  }, 30_000)

  it('drops the only action and goes on from an empty log, without looping', () => {
    const h = harness()
    h.apply('only')
    h.client.injectWorkerCrash('only')
    h.client.simulateCrash()
    // Replays crash at the only action twice: it is dropped; the empty log boots fine.
    expect(h.dropped).toHaveLength(1)
    expect(h.spawned()).toBe(4)
    expect(h.errors.some((e) => e.fatal)).toBe(false)
  })

  it('in a lesson, reopens the lesson where it was; an action every replay dies on is dropped', () => {
    const h = harness()
    h.client.openLesson('api-server-down', 0)
    h.apply('web')
    h.apply('poison')
    const timeBefore = h.last().simTimeMs
    const lessonBefore = h.frames.flatMap((f) => (f.lesson ? [f.lesson] : [])).at(-1)
    expect(lessonBefore?.goals[0]?.met).toBe(true)
    const framesBefore = h.frames.length
    h.client.injectWorkerCrash('poison')
    h.client.simulateCrash()
    expect(h.spawned()).toBe(4)
    expect(h.dropped[0]).toMatchObject({ summary: 'kubectl apply -f - (Pod poison)' })
    expect(h.podNames()).toEqual(['web'])
    // The lesson's status comes from the restarted worker, not from before the crash.
    const lessonAfter = h.frames
      .slice(framesBefore)
      .flatMap((f) => (f.lesson ? [f.lesson] : []))
      .at(-1)
    expect(lessonAfter).toMatchObject({ lessonId: 'api-server-down', stepIndex: 0 })
    expect(lessonAfter?.goals[0]?.met).toBe(true)
    expect(h.last().simTimeMs).toBe(timeBefore)
    expect(h.errors.some((e) => e.fatal)).toBe(false)
  }, 60_000)
})
