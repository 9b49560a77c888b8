import { toWorker, type Frame, type FromWorker, type ToWorkerBody } from '../../protocol/messages'
import { SimHost } from '../host'

/** A host on a fake clock: time moves only when the test ticks it. */
export function makeHost() {
  const posted: FromWorker[] = []
  let wall = 0
  let pending: (() => void) | undefined
  const host = new SimHost(
    { postMessage: (m) => posted.push(m) },
    {
      nowMs: () => wall,
      setTimer: (callback) => {
        pending = callback
        return 1
      },
      clearTimer: () => {
        pending = undefined
      },
    },
  )
  const send = (body: ToWorkerBody) => {
    host.receive(toWorker(body))
  }
  const frames = () => posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []))
  const runWall = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      wall += 16
      const callback = pending
      pending = undefined
      callback?.()
    }
  }
  return { posted, send, frames, runWall }
}

export const lastFrame = (frames: Frame[]): Frame => frames[frames.length - 1] as Frame
