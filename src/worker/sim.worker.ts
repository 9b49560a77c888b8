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

self.onmessage = (event: MessageEvent<ToWorker>) => {
  host.receive(event.data)
}
