import type { FromWorker, ToWorker } from '../protocol/messages'
import type { HostEndpoint } from './sim-client'

/**
 * The fallback for environments without Web Workers: the same SimHost, run on the main thread
 * behind the same endpoint shape. Loaded lazily so the main bundle does not carry the sim.
 */
export async function spawnInThreadHost(): Promise<HostEndpoint> {
  const { SimHost } = await import('../worker/host')
  const endpoint: HostEndpoint = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (message: unknown) => {
      setTimeout(() => {
        host.receive(message as ToWorker)
      }, 0)
    },
    terminate: () => {
      endpoint.onmessage = null
    },
  }
  const host = new SimHost(
    {
      postMessage: (message: FromWorker) => {
        endpoint.onmessage?.(new MessageEvent('message', { data: message }))
      },
    },
    {
      nowMs: () => performance.now(),
      setTimer: (cb, ms) => setTimeout(cb, ms),
      clearTimer: (h) => {
        clearTimeout(h as number)
      },
    },
  )
  return endpoint
}
