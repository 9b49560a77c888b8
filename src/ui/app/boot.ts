import { createActor } from 'xstate'
import { SimClient, type HostEndpoint } from '../../client/sim-client'
import { spawnWorker } from '../../client/spawn'
import { playbackMachine } from '../../machines/playback.machine'
import { applyFrame, recordDroppedAction } from '../../store/apply-frame'
import { createAppStore } from '../../store/store'
import type { SimAction } from '../../sim/index'
import { POD_TEMPLATE } from '../viz/manifest-templates'

/** Everything the UI talks to, wired once by the composition root. */
export interface AppServices {
  store: ReturnType<typeof createAppStore>
  client: SimClient
  playback: ReturnType<typeof createActor<typeof playbackMachine>>
  dispatch: (action: SimAction) => void
  runKubectl: (command: string, stdin?: string) => string
  /** Runs a command at the kubectl prompt, where its output shows (and opens that tab). */
  runInPrompt: (command: string) => void
}

export interface BootOptions {
  seed: number
  nodes: number
  etcdMembers?: number
  etcdRaft?: { preVote: boolean; checkQuorum: boolean }
  spawn?: () => HostEndpoint
}

// The kubectl prompt keeps this many commands (and their outputs) on screen.
const MAX_ENTRIES = 30

/** Creates the store, the client (worker) and the playback statechart, and connects them. */
export function bootApp(options: BootOptions): AppServices {
  const store = createAppStore()
  store.setState({ manifestDraft: POD_TEMPLATE, seed: options.seed })
  const client = new SimClient(
    options.spawn ?? spawnWorker,
    {
      onFrames: (frames) => {
        for (const frame of frames) applyFrame(store, frame)
      },
      onError: (message, fatal) => {
        store.setState({
          workerError: message,
          ...(fatal ? { connection: 'crashed' as const } : {}),
        })
      },
      onConnection: (connection) => {
        store.setState({ connection })
      },
      onActionDropped: (dropped) => {
        recordDroppedAction(store, dropped)
      },
    },
    (callback) => requestAnimationFrame(callback),
  )
  const playback = createPlayback(client, store)
  let commandCounter = 0
  const runKubectl = (command: string, stdin?: string) => {
    const commandId = `ui-${String(++commandCounter)}`
    store.setState((s) => ({ pendingCommands: { ...s.pendingCommands, [commandId]: command } }))
    client.dispatch({
      type: 'runKubectl',
      commandId,
      command,
      ...(stdin !== undefined ? { stdin } : {}),
    })
    return commandId
  }
  const services: AppServices = {
    store,
    client,
    playback,
    dispatch: (action) => {
      client.dispatch(action)
    },
    runKubectl,
    runInPrompt: (line) => {
      const command = line.trim().replace(/^kubectl\s+/, '')
      if (command === '') return
      const id = runKubectl(command)
      store.setState((s) => ({
        consoleEntries: [...s.consoleEntries.slice(-(MAX_ENTRIES - 1)), { id, command }],
        dockTab: 'kubectl',
      }))
    },
  }
  client.start({
    options: {
      seed: options.seed,
      nodes: options.nodes,
      etcdMembers: options.etcdMembers ?? 3,
      ...(options.etcdRaft ? { etcdRaft: options.etcdRaft } : {}),
    },
    bootMs: 3000,
  })
  playback.start()
  return services
}

/** The playback statechart, its effects given by the client and the store. */
function createPlayback(client: SimClient, store: ReturnType<typeof createAppStore>) {
  return createActor(
    playbackMachine.provide({
      actions: {
        play: () => {
          client.play()
        },
        pause: () => {
          client.pause()
        },
        step: () => {
          client.step()
        },
        nextHop: () => {
          client.nextHop(store.getState().expertDetail)
        },
        seek: (_, params) => {
          client.seek(params.timeMs)
        },
        setSpeed: (_, params) => {
          store.setState({ speed: params.speed })
          client.setSpeed(params.speed)
        },
      },
    }),
  )
}
