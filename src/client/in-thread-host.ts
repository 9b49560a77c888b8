import type { FromWorker, ToWorker } from '../protocol/messages'
import type { HostEndpoint } from './sim-client'

/**
 * The fallback for environments without Web Workers: the same SimHost, run on the main thread
 * behind the same endpoint shape. Loaded lazily so the main bundle does not carry the sim.
 */
export async function spawnInThreadHost(): Promise<HostEndpoint> {
  const { SimHost } = await import('../worker/host')
  let dead = false
  // What a worker's uncaught error would do: an error event, and nothing more from this host.
  const guarded = (run: () => void) => {
    if (dead) return
    try {
      run()
    } catch (error) {
      dead = true
      const message = error instanceof Error ? `Uncaught ${String(error)}` : String(error)
      endpoint.onerror?.(new ErrorEvent('error', { message }))
    }
  }
  const endpoint: HostEndpoint = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (message: unknown) => {
      setTimeout(() => {
        guarded(() => {
          host.receive(message as ToWorker)
        })
      }, 0)
    },
    terminate: () => {
      dead = true
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
      setTimer: (cb, ms) =>
        setTimeout(() => {
          guarded(cb)
        }, ms),
      clearTimer: (h) => {
        clearTimeout(h as number)
      },
    },
  )
  return endpoint
}
