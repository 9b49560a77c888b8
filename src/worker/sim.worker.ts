/// <reference lib="webworker" />
import type { ToWorker } from '../protocol/messages'
import { SimHost } from './host'

declare const self: DedicatedWorkerGlobalScope

// A tick asked for at once (the simulation is behind the clock) runs after the messages already
// queued (the page's acks, its commands), without the 4 ms that nested setTimeout(0)s are
// clamped to: a message to ourselves is a task like any other.
const soon = new MessageChannel()
const due: (() => void)[] = []
soon.port1.onmessage = () => {
  due.shift()?.()
}

const host = new SimHost(
  {
    postMessage: (message) => {
      self.postMessage(message)
    },
  },
  {
    nowMs: () => performance.now(),
    setTimer: (callback, delayMs) => {
      if (delayMs > 0) return setTimeout(callback, delayMs)
      due.push(callback)
      soon.port2.postMessage(null)
      return callback
    },
    clearTimer: (handle) => {
      if (typeof handle === 'function') {
        const at = due.indexOf(handle as () => void)
        if (at >= 0) due.splice(at, 1)
      } else clearTimeout(handle as number)
    },
  },
)

// Where the worker's time goes (advance vs frames), and the host itself (what its heap holds:
// etcd's Raft log, the checkpoints), for `npm run bench:browser` to read.
Object.assign(self, { __kcvHostTiming: host.timing, __kcvHost: host })

self.onmessage = (event: MessageEvent<ToWorker>) => {
  host.receive(event.data)
}
