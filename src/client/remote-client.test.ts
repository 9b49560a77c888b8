import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION, type ToWorker } from '../protocol/messages'
import { SimClient, type HostEndpoint } from './sim-client'

/** A SimClient on a remote host (a served simulation), with a hand-driven endpoint. */
function remoteClient() {
  const sent: ToWorker[] = []
  const errors: { message: string; fatal: boolean }[] = []
  const connection: string[] = []
  let spawned = 0
  let terminated = 0
  let endpoint: HostEndpoint | undefined
  const client = new SimClient(
    () => {
      spawned++
      endpoint = {
        onmessage: null,
        onerror: null,
        onmessageerror: null,
        postMessage: (m) => sent.push(m as ToWorker),
        terminate: () => {
          terminated++
        },
      }
      return endpoint
    },
    {
      onFrames: () => undefined,
      onError: (message, fatal) => errors.push({ message, fatal }),
      onConnection: (state) => connection.push(state),
    },
    (callback) => {
      callback()
    },
    { remote: true },
  )
  client.start({ options: { seed: 1 }, bootMs: 3_000 })
  const host = () => {
    if (!endpoint) throw new Error('not spawned')
    return endpoint
  }
  return {
    client,
    sent,
    errors,
    connection,
    host,
    spawned: () => spawned,
    terminated: () => terminated,
  }
}

describe('SimClient attached to a served simulation', () => {
  it('reports a lost connection and never respawns or replays (the run is not the page’s)', () => {
    const t = remoteClient()
    expect(t.sent.map((m) => m.type)).toEqual(['load'])
    t.client.dispatch({ type: 'runKubectl', commandId: 'ui-1', command: 'get pods' })
    t.host().onerror?.({
      message: 'The served simulation at 127.0.0.1:6444 stopped',
      preventDefault: () => undefined,
    } as ErrorEvent)
    expect(t.spawned()).toBe(1)
    expect(t.errors).toEqual([
      { message: 'The served simulation at 127.0.0.1:6444 stopped', fatal: true },
    ])
    expect(t.connection).toEqual(['disconnected'])
    expect(t.sent.map((m) => m.type)).toEqual(['load', 'dispatch'])
  })

  it('stops at a message of another protocol version and says which versions differ', () => {
    const t = remoteClient()
    t.host().onmessage?.({
      data: { type: 'frame', frame: {}, protocolVersion: PROTOCOL_VERSION + 1 },
    } as MessageEvent)
    expect(t.terminated()).toBe(1)
    expect(t.errors[0]?.fatal).toBe(true)
    expect(t.errors[0]?.message).toBe(
      `The served simulation speaks protocol version ${String(PROTOCOL_VERSION + 1)}, this page ${String(PROTOCOL_VERSION)}: run the app and npm run serve from the same version of this project, then open the link again.`,
    )
    expect(t.connection).toEqual(['disconnected'])
  })
})
