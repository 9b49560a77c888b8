import type { SimulationOptions, SimEvent, Simulation } from '../sim/index'
import { fromWorker, toWorker, type FromWorker, type ToWorkerBody } from '../protocol/messages'
import { SimHost } from '../worker/host'

/** One HTTP request from a real client, as the served API server hands it to the simulation. */
export interface ServedCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query: Record<string, string>
  body?: string | undefined
  contentType?: string | undefined
  accept?: string | undefined
  userAgent?: string | undefined
  /** The verified client certificate's subject: who the simulated kube-apiserver authenticates. */
  certificate: { commonName: string; organizations: string[] }
  /** Impersonate-User / Impersonate-Group headers. */
  impersonate?: { user: string; groups: string[] } | undefined
}

/** Where the simulation's answer goes: the HTTP response, or the chunks of a watch stream. */
export interface CallHandlers {
  /** The API server's response (for a watch: its error before any event). Code 0: no response. */
  response(code: number, body: unknown, warnings: string[] | undefined): void
  /** The watch is established: the API server accepted it (no error came back in time). */
  watchStarted(): void
  watchEvent(type: string, object: unknown): void
  /** A watch reached its timeoutSeconds (in virtual time): end the stream. */
  watchTimedOut(): void
}

export interface ServeOptions {
  sim: SimulationOptions
  /** Virtual time run at once before serving (nodes register, the cache fills). */
  bootMs: number
  /** Virtual ms per wall ms; 1 is real time. */
  speed: number
  /** Slow down while messages are in flight (about 0.7 s a hop), as the app's toggle does. */
  followMessages: boolean
}

interface Pending {
  handlers: CallHandlers
  watch: boolean
  /** When a watch counts as established if no error came back (virtual ms); undefined once started. */
  startAtMs?: number
  /** A watch's end in virtual ms (timeoutSeconds), if it asked for one. */
  deadlineMs?: number
}

/** A viewer (an attached browser) receives every frame the host sends. */
export type Viewer = (message: FromWorker) => void

// A watch's response headers go out once the API server could have refused it: a round trip to
// the control plane is a few virtual ms; no refusal by then means it registered the watcher.
const WATCH_ESTABLISHED_MS = 50
// A wall-clock tick that threw must not end the served simulation: restart playback after it.
const RESTART_AFTER_CRASH_MS = 100

/**
 * One simulation served to real clients: a SimHost plays it against the wall clock (1x by
 * default: a virtual millisecond per real one) exactly as the app's worker does, and every HTTP
 * request is an `apiRequest` action the simulated kube-apiserver answers. A request is answered
 * when the simulation's response reaches the client's machine in virtual time, so a real kubectl
 * waits as long as a simulated one would (and waits while the simulation is paused).
 */
export class ServedSimulation {
  readonly host: SimHost
  private readonly viewers = new Set<Viewer>()
  private readonly pending = new Map<string, Pending>()
  private cursor = 0
  private nextId = 0
  private playing = true

  constructor(options: ServeOptions) {
    this.host = new SimHost(
      {
        postMessage: (message) => {
          for (const viewer of this.viewers) viewer(message)
        },
      },
      {
        nowMs: () => performance.now(),
        setTimer: (callback, delayMs) =>
          setTimeout(() => {
            this.guarded(callback)
            this.poll()
          }, delayMs),
        clearTimer: (handle) => {
          clearTimeout(handle as NodeJS.Timeout)
        },
      },
    )
    this.send({ type: 'load', options: options.sim, bootMs: options.bootMs })
    this.send({ type: 'setSpeed', speed: options.speed })
    this.send({ type: 'setFollowMessages', on: options.followMessages })
    this.send({ type: 'play' })
    this.cursor = this.sim.traceEnd
  }

  get sim(): Simulation {
    const sim = this.host.sim
    if (!sim) throw new Error('the served simulation did not load')
    return sim
  }

  /** Whether the simulated kube-apiserver process is up (a stopped one resets connections). */
  apiServerUp(): boolean {
    return this.sim.components('kube-apiserver').some((c) => c.running)
  }

  /** Whether etcd has a leader now (readyz's etcd check). */
  etcdHasLeader(): boolean {
    return this.sim.etcd().members.some((m) => m.running && m.role === 'leader')
  }

  /** Sends one request into the simulation; returns a function that cancels it (client gone). */
  call(call: ServedCall, handlers: CallHandlers): () => void {
    const requestId = `served-${++this.nextId}`
    const watch = call.method === 'GET' && ['1', 'true'].includes(call.query['watch'] ?? '')
    const timeout = Number(call.query['timeoutSeconds'])
    const entry: Pending = { handlers, watch }
    if (watch) entry.startAtMs = this.sim.nowMs + WATCH_ESTABLISHED_MS
    if (watch && Number.isFinite(timeout) && timeout > 0)
      entry.deadlineMs = this.sim.nowMs + timeout * 1000
    this.pending.set(requestId, entry)
    this.send({
      type: 'dispatch',
      action: {
        type: 'apiRequest',
        requestId,
        method: call.method,
        path: call.path,
        query: call.query,
        ...(call.body !== undefined ? { body: call.body } : {}),
        ...(call.contentType !== undefined ? { contentType: call.contentType } : {}),
        ...(call.accept !== undefined ? { accept: call.accept } : {}),
        ...(call.userAgent !== undefined ? { userAgent: call.userAgent } : {}),
        auth: {
          certificate: call.certificate,
          ...(call.impersonate?.user ? { as: call.impersonate.user } : {}),
          ...(call.impersonate?.groups.length ? { asGroups: call.impersonate.groups } : {}),
        },
      },
    })
    return () => {
      if (!this.pending.delete(requestId) || !watch) return
      this.send({ type: 'dispatch', action: { type: 'closeApiWatch', requestId } })
    }
  }

  /** How many watch streams real clients hold open now. */
  openWatches(): number {
    return [...this.pending.values()].filter((entry) => entry.watch).length
  }

  /** Adds a viewer; it gets a full frame at once (as the app gets one after loading). */
  attach(viewer: Viewer): () => void {
    this.viewers.add(viewer)
    this.host.resync()
    return () => this.viewers.delete(viewer)
  }

  /**
   * A message from a viewer, as the worker protocol carries it. `load` changes nothing (the
   * simulation is already loaded; attaching sent the viewer its state); seeking back is refused, because real
   * clients hold watches and resourceVersions from the present.
   */
  fromViewer(viewer: Viewer, body: ToWorkerBody): void {
    switch (body.type) {
      // The page's first message: it already has everything (attach sent a full frame), and
      // another reset would cost every viewer its messages in flight.
      case 'load':
        return
      case 'injectWorkerCrash':
        viewer(
          fromWorker({
            type: 'error',
            message: 'fault injection is off when served',
            fatal: false,
          }),
        )
        return
      // A lesson or another window's run would replace the simulation real clients talk to.
      case 'lessonOpen':
      case 'lesson':
      case 'mirror':
        viewer(
          fromWorker({
            type: 'error',
            message:
              'This simulation is served to real clients (npm run serve): lessons and mirroring another window are off while attached.',
            fatal: false,
          }),
        )
        return
      case 'seek':
        if (body.timeMs < this.sim.nowMs) {
          viewer(
            fromWorker({
              type: 'error',
              message:
                'This simulation is served to real clients (npm run serve): it cannot go back in time, because their watches and resource versions are from the present. Restart the server for a new run.',
              fatal: false,
            }),
          )
          this.host.resync()
          return
        }
        break
      case 'play':
        this.playing = true
        break
      case 'pause':
      case 'step':
        this.playing = false
        break
      default:
        break
    }
    this.send(body)
  }

  /** Stops playing (the server is closing). */
  stop(): void {
    this.send({ type: 'pause' })
    this.playing = false
  }

  private send(body: ToWorkerBody): void {
    this.host.receive(toWorker(body))
  }

  private guarded(callback: () => void): void {
    try {
      callback()
    } catch (error) {
      console.error('served simulation: a tick failed; playback restarts', error)
      if (this.playing)
        setTimeout(() => {
          this.send({ type: 'play' })
        }, RESTART_AFTER_CRASH_MS)
    }
  }

  /** Hands every new answer and watch event to its request, and ends watches that timed out. */
  private poll(): void {
    // The cursor is a sequence number: a bounded trace drops its oldest entries.
    const sim = this.sim
    this.cursor = Math.min(Math.max(this.cursor, sim.traceStart), sim.traceEnd)
    for (; this.cursor < sim.traceEnd; this.cursor++)
      this.route(sim.trace[this.cursor - sim.traceStart])
    const now = this.sim.nowMs
    for (const entry of this.pending.values()) {
      if (entry.startAtMs !== undefined && entry.startAtMs <= now) this.started(entry)
    }
    for (const [id, entry] of this.pending) {
      if (entry.deadlineMs === undefined || entry.deadlineMs > now) continue
      this.pending.delete(id)
      this.send({ type: 'dispatch', action: { type: 'closeApiWatch', requestId: id } })
      entry.handlers.watchTimedOut()
    }
  }

  private route(event: SimEvent | undefined): void {
    if (event?.type === 'ApiResponded') {
      const entry = this.pending.get(event.requestId)
      if (!entry) return
      this.pending.delete(event.requestId)
      entry.handlers.response(event.code, event.body, event.warnings)
    } else if (event?.type === 'ApiWatchEvent') {
      const entry = this.pending.get(event.requestId)
      if (!entry) return
      this.started(entry)
      entry.handlers.watchEvent(event.eventType, event.object)
    }
  }

  private started(entry: Pending): void {
    if (entry.startAtMs === undefined) return
    delete entry.startAtMs
    entry.handlers.watchStarted()
  }
}
