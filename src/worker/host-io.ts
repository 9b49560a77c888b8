import type { FromWorker } from '../protocol/messages'

/** Where frames go: the worker's `self`, a MessagePort, or a test's array. */
export interface HostPort {
  postMessage(message: FromWorker): void
}

/** Wall-clock timers, injected so tests can drive playback without real time. */
export interface HostClock {
  nowMs(): number
  setTimer(callback: () => void, delayMs: number): unknown
  clearTimer(handle: unknown): void
}
