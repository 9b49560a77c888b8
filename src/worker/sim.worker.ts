/// <reference lib="webworker" />
import type { ToWorker } from '../protocol/messages'
import { SimHost } from './host'

declare const self: DedicatedWorkerGlobalScope

const host = new SimHost(
  {
    postMessage: (message) => {
      self.postMessage(message)
    },
  },
  {
    nowMs: () => performance.now(),
    setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimer: (handle) => {
      clearTimeout(handle as number)
    },
  },
)

// Where the worker's time goes (advance vs frames), for `npm run bench:browser` to read.
Object.assign(self, { __kcvHostTiming: host.timing })

self.onmessage = (event: MessageEvent<ToWorker>) => {
  host.receive(event.data)
}
