import { createActor, type Actor } from 'xstate'
import { SimClient, type HostEndpoint, type SimClientCallbacks } from '../../client/sim-client'
import { spawnWorker } from '../../client/spawn'
import type { lessonMachine } from '../../machines/lesson.machine'
import { playbackMachine } from '../../machines/playback.machine'
import { applyFrame, recordDroppedAction } from '../../store/apply-frame'
import { createAppStore, type AppStore } from '../../store/store'
import type { SimAction } from '../../sim/index'
import { POD_TEMPLATE } from '../viz/manifest-templates'
import { createCourse } from './course'
import { ProgressKeeper } from './progress-keeper'
import type { Route } from './route'
import { followRoute, syncUrl } from './url-sync'

/** Everything the UI talks to, wired once by the composition root. */
export interface AppServices {
  store: AppStore
  client: SimClient
  playback: Actor<typeof playbackMachine>
  dispatch: (action: SimAction) => void
  runKubectl: (command: string, stdin?: string) => string
  /** The course: catalog, free play, lessons (see machines/lesson.machine.ts). */
  course: Actor<typeof lessonMachine>
  progress: ProgressKeeper
}

export interface BootOptions {
  seed: number
  nodes: number
  etcdMembers?: number
  etcdRaft?: { preVote: boolean; checkQuorum: boolean }
  spawn?: () => HostEndpoint
  /** What the address asks for: the catalog, free play or a lesson. */
  route?: Route
  storage?: Pick<Storage, 'getItem' | 'setItem'>
}

/** The late-bound parts the client's callbacks reach (they run on later animation frames). */
interface Wiring {
  course?: Actor<typeof lessonMachine>
  playback?: Actor<typeof playbackMachine>
  pendingRoute?: Route | undefined
}

function clientCallbacks(
  store: AppStore,
  progress: ProgressKeeper,
  wiring: Wiring,
): SimClientCallbacks {
  return {
    onFrames: (frames) => {
      for (const frame of frames) {
        applyFrame(store, frame)
        if (frame.lesson) wiring.course?.send({ type: 'STATUS', status: frame.lesson })
        // The lesson paused the simulation itself: the playback statechart follows.
        if (frame.lesson?.pausedBy && !frame.playing) wiring.playback?.send({ type: 'SIM_PAUSED' })
      }
    },
    onCatalog: (catalog) => {
      store.setState({ catalog })
      if (wiring.pendingRoute && wiring.course)
        followRoute(wiring.pendingRoute, wiring.course, store, progress)
      wiring.pendingRoute = undefined
    },
    onError: (message, fatal) => {
      store.setState({ workerError: message, ...(fatal ? { connection: 'crashed' as const } : {}) })
    },
    onConnection: (connection) => {
      store.setState({ connection })
    },
    onActionDropped: (dropped) => {
      recordDroppedAction(store, dropped)
    },
  }
}

function createPlayback(store: AppStore, client: SimClient): Actor<typeof playbackMachine> {
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

/** Creates the store, the client (worker), the playback and course statecharts, and connects them. */
export function bootApp(options: BootOptions): AppServices {
  const store = createAppStore()
  store.setState({ manifestDraft: POD_TEMPLATE })
  const progress = new ProgressKeeper(options.storage ?? localStorage)
  const wiring: Wiring = {
    pendingRoute: options.route?.mode === 'lesson' ? options.route : undefined,
  }
  const client = new SimClient(
    options.spawn ?? spawnWorker,
    clientCallbacks(store, progress, wiring),
    (callback) => requestAnimationFrame(callback),
  )
  const playback = createPlayback(store, client)
  const freePlay = {
    options: {
      seed: options.seed,
      nodes: options.nodes,
      etcdMembers: options.etcdMembers ?? 3,
      ...(options.etcdRaft ? { etcdRaft: options.etcdRaft } : {}),
    },
    bootMs: 3000,
  }
  const course = createCourse({ store, client, playback, keeper: progress, freePlay })
  Object.assign(wiring, { course, playback })
  let commandCounter = 0
  // Command ids unique across page loads: a resumed session's log holds the earlier ones.
  const pageLoad = Date.now().toString(36)
  const services: AppServices = {
    store,
    client,
    playback,
    course,
    progress,
    dispatch: (action) => {
      client.dispatch(action)
    },
    runKubectl: (command, stdin) => {
      const commandId = `ui-${pageLoad}-${++commandCounter}`
      store.setState((s) => ({ pendingCommands: { ...s.pendingCommands, [commandId]: command } }))
      client.dispatch({
        type: 'runKubectl',
        commandId,
        command,
        ...(stdin !== undefined ? { stdin } : {}),
      })
      return commandId
    },
  }
  client.start(freePlay)
  client.requestCatalog()
  playback.start()
  course.start()
  progress.watch(course, store)
  if (progress.warning) store.setState({ notices: [progress.warning] })
  syncUrl(course, store, progress)
  if (options.route?.mode === 'free') course.send({ type: 'FREE_PLAY' })
  // The catalog (and a lesson still opening) leave free play's cluster paused until it is shown.
  else playback.send({ type: 'PAUSE' })
  return services
}
