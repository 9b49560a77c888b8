import { bench, describe } from 'vitest'
import { toWorker, type Frame, type FromWorker } from '../protocol/messages'
import { makeReplicaSetManifest } from '../sim/testing/manifests'
import { SimHost } from './host'

// Delta sizes: a host plays a 100-replica ReplicaSet at 64x on a fake clock; every frame it
// sends is serialised as the structured clone would carry it (JSON length as the proxy).
function measureFrames(followMessages: boolean, print = true): void {
  const frames: Frame[] = []
  let wall = 0
  let pending: (() => void) | undefined
  const host = new SimHost(
    {
      postMessage: (m: FromWorker) => {
        if (m.type === 'frame') frames.push(m.frame)
      },
    },
    {
      nowMs: () => wall,
      setTimer: (cb) => {
        pending = cb
        return 1
      },
      clearTimer: () => undefined,
    },
  )
  host.receive(toWorker({ type: 'load', options: { seed: 1, nodes: 3 }, bootMs: 3000 }))
  const resetBytes = JSON.stringify(frames[0]).length
  host.receive(toWorker({ type: 'setSpeed', speed: 64 }))
  host.receive(toWorker({ type: 'setFollowMessages', on: followMessages }))
  host.receive(
    toWorker({
      type: 'dispatch',
      action: {
        type: 'runKubectl',
        commandId: 'c',
        command: 'apply -f -',
        stdin: makeReplicaSetManifest('web', 100),
      },
    }),
  )
  const first = frames.length
  host.receive(toWorker({ type: 'play' }))
  for (let i = 0; i < 60 * 30; i++) {
    wall += 16
    const cb = pending
    pending = undefined
    cb?.()
  }
  const sizes = frames
    .slice(first)
    .map((f) => JSON.stringify(f).length)
    .sort((a, b) => a - b)
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
  const p = (q: number) => sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))] ?? 0
  const last = frames[frames.length - 1]
  const schedulerSizes = frames
    .slice(first)
    .map((f) => (f.scheduler ? JSON.stringify(f.scheduler).length : 0))
  const withScheduler = schedulerSizes.filter((n) => n > 0).length
  const schedulerMean = schedulerSizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)
  if (print)
    console.log(
      `[host] follow=${followMessages}: ${sizes.length} frames for 30 s of wall time (reached t=${((last?.simTimeMs ?? 0) / 1000).toFixed(1)}s); ` +
        `delta bytes/frame mean ${Math.round(mean)}, median ${p(0.5)}, p95 ${p(0.95)}, max ${p(1)}; first full reset ${resetBytes} bytes; ` +
        `scheduler part in ${withScheduler} frames, ${Math.round(schedulerMean)} bytes/frame on average (max ${Math.max(...schedulerSizes)})`,
    )
}

measureFrames(false)
measureFrames(true)

describe('host', () => {
  bench(
    'a frame tick at 64x with a 100-replica ReplicaSet',
    () => {
      measureFrames(false, false)
    },
    { iterations: 1, warmupIterations: 0 },
  )
})
