import { createActor, type Actor } from 'xstate'
import { SimClient, type HostEndpoint, type LoadOptions } from '../../client/sim-client'
import { spawnWorker } from '../../client/spawn'
import { spawnWebSocket, type AttachTarget } from '../../client/websocket-endpoint'
import type { lessonMachine } from '../../machines/lesson.machine'
import { playbackMachine } from '../../machines/playback.machine'
import { applyFrame, recordDroppedAction } from '../../store/apply-frame'
import { createAppStore, type AppStore, type RunOptions } from '../../store/store'
import { simulationOptions } from '../../store/run-options'
import type { RecordedAction, SimAction } from '../../sim/index'
import type { FaultPlan } from '../../protocol/faults/catalog'
import type { Scenario } from '../../protocol/scenario/scenario'
import { createCourse } from './course'
import { courseLessonPort } from './course-lesson-port'
import { injectPlan } from './instructor'
import type { LessonPort } from './lesson-port'
import { ProgressKeeper } from './progress-keeper'
import type { Route } from './route'
import { followRoute, syncUrl } from './url-sync'
import { POD_TEMPLATE } from '../viz/manifest-templates'
import type { ScaleLoad } from '../../protocol/scale'
import { watchVisibility } from './visibility'
import { memoryStorage } from './memory-storage'

/** Everything the UI talks to, wired once by the composition root. */
export interface AppServices {
  store: AppStore
  client: SimClient
  playback: Actor<typeof playbackMachine>
  dispatch: (action: SimAction) => void
  runKubectl: (command: string, stdin?: string) => string
  /** A fault from the failure panel, a preset or a host page: recorded, healing itself if timed. */
  inject: (plan: FaultPlan) => void
  /** Repairs every fault (restarts, reconnects, healthy disks): one recorded action. */
  healAll: () => void
  /** Runs a command at the kubectl prompt, where its output shows (and opens that tab). */
  runInPrompt: (command: string) => void
  /** The course: catalog, free play, lessons (see machines/lesson.machine.ts). */
  course: Actor<typeof lessonMachine>
  progress: ProgressKeeper
  /** The course's steps and events, where there are lessons (see lesson-port.ts). */
  lessons?: LessonPort | undefined
}

export interface BootOptions {
  run: RunOptions
  /** A shared scenario to open (paused at its time); refused → `fallback` is opened instead. */
  scenario?: Scenario | undefined
  fallback?: RunOptions | undefined
  /** Start paused (an embed without autoplay, a scenario link). */
  paused?: boolean
  spawn?: () => HostEndpoint
  /** What the address asks for: the catalog, free play or a lesson. */
  route?: Route
  /** Where lesson progress is kept (none in a sandboxed embed: kept in memory then). */
  storage?: Storage | undefined
  /** The page is an embed in a course page (no catalog; its address keeps its parameters). */
  embedded?: boolean
  /** Attach to a served simulation (`?attach=`, npm run serve) instead of running one. */
  attach?: AttachTarget | undefined
  /** Scale mode (?scale=1): per-node aggregates, Deployments adding up to `pods` Pods. */
  scale?: ScaleLoad | undefined
}

/** The late-bound parts the client's callbacks reach (they run on later animation frames). */
interface Wiring {
  course?: Actor<typeof lessonMachine>
  playback?: Actor<typeof playbackMachine>
  progress?: ProgressKeeper
  pendingRoute?: Route | undefined
  embedded?: boolean
  /** Attached: the first frame gives the served simulation's play state, speed and slow motion. */
  followServedPlayback?: boolean
}

export const BOOT_MS = 3_000

// The kubectl prompt keeps this many commands (and their outputs) on screen.
const MAX_ENTRIES = 30

export { simulationOptions }

/** The client, feeding the store; a refused scenario becomes a notice and the fallback run. */
export function createClient(
  store: AppStore,
  spawn: () => HostEndpoint,
  fallback?: RunOptions,
  wiring: Wiring = {},
  remote = false,
): SimClient {
  return new SimClient(
    spawn,
    {
      onFrames: (frames) => {
        for (const frame of frames) {
          applyFrame(store, frame)
          if (wiring.followServedPlayback === true) {
            wiring.followServedPlayback = false
            store.setState({ speed: frame.speed, followMessages: frame.followMessages })
            if (frame.playing) wiring.playback?.send({ type: 'PLAY' })
          }
          if (frame.lesson) wiring.course?.send({ type: 'STATUS', status: frame.lesson })
          // The lesson paused the simulation itself: the playback statechart follows.
          if (frame.lesson?.pausedBy && !frame.playing)
            wiring.playback?.send({ type: 'SIM_PAUSED' })
        }
      },
      onCatalog: (catalog) => {
        store.setState({ catalog })
        const { pendingRoute, course, progress, embedded } = wiring
        if (pendingRoute && course && progress)
          followRoute(pendingRoute, course, store, progress, embedded)
        wiring.pendingRoute = undefined
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
      onScenarioRefused: (reason) => {
        store.setState({
          notice: `This link's scenario could not be opened (${reason}). The default cluster is open instead.`,
          ...(fallback ? { run: fallback } : {}),
        })
      },
      onActionDropped: (dropped) => {
        recordDroppedAction(store, dropped)
      },
    },
    scheduleFrame,
    { remote },
  )
}

const REWIND_REFUSED =
  'This simulation is served to real clients (npm run serve): it cannot go back in time, because their watches and resource versions are from the present.'

// The browser does not run requestAnimationFrame in an iframe scrolled out of its host's view:
// a timer makes sure frames still reach the store (an embed below the fold must say "ready").
const FRAME_FALLBACK_MS = 100

function scheduleFrame(callback: () => void): void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    callback()
  }
  requestAnimationFrame(run)
  window.setTimeout(run, FRAME_FALLBACK_MS)
}

function createPlayback(client: SimClient, store: AppStore, startPaused: boolean) {
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
          const { attachedTo, simTimeMs, notices } = store.getState()
          if (attachedTo !== undefined && params.timeMs < simTimeMs) {
            if (!notices.includes(REWIND_REFUSED))
              store.setState({ notices: [...notices, REWIND_REFUSED] })
            return
          }
          client.seek(params.timeMs)
        },
        setSpeed: (_, params) => {
          store.setState({ speed: params.speed })
          client.setSpeed(params.speed)
        },
      },
    }),
    { input: { startPaused } },
  )
}

export function createServices(
  store: AppStore,
  client: SimClient,
  startPaused = false,
  storage: Storage = memoryStorage(),
): AppServices {
  let commandCounter = 0
  const runKubectl = (command: string, stdin?: string) => {
    // After the log of a shared scenario, carry on numbering after its commands.
    commandCounter = Math.max(commandCounter, lastCommandNumber(store.getState().actions)) + 1
    const commandId = `ui-${commandCounter}`
    store.setState((s) => ({ pendingCommands: { ...s.pendingCommands, [commandId]: command } }))
    client.dispatch({
      type: 'runKubectl',
      commandId,
      command,
      ...(stdin !== undefined ? { stdin } : {}),
    })
    return commandId
  }
  const playback = createPlayback(client, store, startPaused)
  const progress = new ProgressKeeper(storage)
  const course = createCourse({
    store,
    client,
    playback,
    keeper: progress,
    // Leaving a lesson: the run's own cluster again (not a shared scenario's replay).
    freePlay: () => {
      const { run, scaleRun } = store.getState()
      const options = simulationOptions(run)
      return {
        options,
        bootMs: BOOT_MS,
        flowControl: true,
        ...(scaleRun ? { scale: scaleRun } : {}),
      }
    },
    startPaused,
  })
  return {
    store,
    client,
    playback,
    course,
    progress,
    lessons: courseLessonPort(course, store, progress),
    dispatch: (action) => {
      client.dispatch(action)
    },
    inject: (plan) => {
      injectPlan(client, plan)
    },
    healAll: () => {
      client.dispatch({ type: 'healAll' })
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
}

function lastCommandNumber(actions: readonly RecordedAction[]): number {
  let last = 0
  for (const { action } of actions)
    if (action.type === 'runKubectl')
      last = Math.max(last, Number(/^ui-(\d+)$/.exec(action.commandId)?.[1] ?? 0))
  return last
}

/** What to load: the run's cluster, or a scenario to replay (with the fallback if it fails). */
function loadFor(options: BootOptions): LoadOptions {
  const { scenario, fallback, scale } = options
  return {
    options: simulationOptions(options.run),
    bootMs: BOOT_MS,
    // The page's own worker: acknowledged frames, none while hidden (a served simulation's
    // frames go to every viewer, so an attached page does not ask for it).
    flowControl: options.attach === undefined,
    ...(scale ? { scale } : {}),
    ...(scenario
      ? {
          replay: scenario.actions,
          seekMs: scenario.timeMs,
          ...(fallback ? { fallback: simulationOptions(fallback) } : {}),
        }
      : {}),
  }
}

/**
 * Creates the store, the client (worker), the playback and course statecharts, and connects
 * them; then opens what the address asks for (the catalog, free play, or a lesson once the
 * catalog is in).
 */
export function bootApp(options: BootOptions): AppServices {
  const store = createAppStore()
  store.setState({
    manifestDraft: POD_TEMPLATE,
    run: options.run,
    attachedTo: options.attach?.label,
    scaleRun: options.scale,
    // Scale mode runs at speed: thousands of messages a second cannot be followed one by one.
    ...(options.scale ? { followMessages: false } : {}),
    ...(options.scenario?.panel !== undefined ? { dockTab: options.scenario.panel } : {}),
  })
  const route = options.route ?? { mode: 'free' }
  const attach = options.attach
  const wiring: Wiring = {
    pendingRoute: route.mode === 'lesson' ? route : undefined,
    embedded: options.embedded === true,
    followServedPlayback: attach !== undefined,
  }
  const spawn = attach ? () => spawnWebSocket(attach) : (options.spawn ?? spawnWorker)
  const client = createClient(store, spawn, options.fallback, wiring, attach !== undefined)
  // Attached, the page leaves the served simulation playing or paused as it finds it.
  const services = createServices(
    store,
    client,
    options.paused === true || !!options.scenario || attach !== undefined,
    options.storage,
  )
  const { course, playback, progress } = services
  Object.assign(wiring, { course, playback, progress })
  client.start(loadFor(options))
  watchVisibility(client)
  // Lessons run their own simulations: none while attached to a served one.
  if (!attach) client.requestCatalog()
  playback.start()
  course.start()
  progress.watch(course, store)
  if (progress.warning) store.setState({ notices: [progress.warning] })
  syncUrl(course, store, progress, options.embedded === true)
  if (route.mode === 'free') course.send({ type: 'FREE_PLAY' })
  // The catalog (and a lesson still opening) leave free play's cluster paused until it is shown.
  else playback.send({ type: 'PAUSE' })
  return services
}
