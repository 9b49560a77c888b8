import type { KubeObject, Simulation, SimEvent, StoreChange } from '../sim/index'
import type { Delta, Frame } from '../protocol/messages'
import type {
  CrashRecord,
  EtcdRecord,
  KubectlOutputRecord,
  LinkRecord,
  MessageRecord,
  NarrationRecord,
  ObjectRecord,
  TrafficRecord,
} from '../protocol/records'
import { toRecord } from './records'

// A frame carries at most this many animated messages; the rest are counted, not sent.
const MAX_MESSAGES_PER_FRAME = 400
const MAX_NARRATION_PER_FRAME = 200
// Raft chatter between members is capped harder: at 64x a frame spans a virtual second, 60
// heartbeats nobody can see. Elections and appends go first; at most 4 heartbeats fill what is
// left (the view blinks the links they cross, a few are enough to show the beat).
const MAX_RAFT_PER_FRAME = 16
const MAX_HEARTBEATS_PER_FRAME = 4

const isPeerMessage = (e: { from: string; to: string }): boolean =>
  e.from.startsWith('etcd-') && e.to.startsWith('etcd-')

/** Keeps the newest Raft messages, preferring anything over heartbeats; returns how many went. */
function capRaft(messages: MessageRecord[]): number {
  const raft = messages.filter(isPeerMessage)
  const isBeat = (m: MessageRecord) => String(m.detail?.['type']).startsWith('MsgHeartbeat')
  const beats = raft.filter(isBeat)
  if (raft.length <= MAX_RAFT_PER_FRAME && beats.length <= MAX_HEARTBEATS_PER_FRAME) return 0
  const others = raft.filter((m) => !isBeat(m)).slice(-MAX_RAFT_PER_FRAME)
  const room = Math.min(MAX_HEARTBEATS_PER_FRAME, MAX_RAFT_PER_FRAME - others.length)
  const keep = new Set([...others, ...(room > 0 ? beats.slice(-room) : [])].map((m) => m.id))
  const before = messages.length
  const kept = messages.filter((m) => !isPeerMessage(m) || keep.has(m.id))
  messages.length = 0
  messages.push(...kept)
  return before - kept.length
}

export interface TraceSlice {
  messages: MessageRecord[]
  narration: NarrationRecord[]
  kubectl: KubectlOutputRecord[]
  lost: { id: number; reason: string }[]
  crashes: CrashRecord[]
  dropped: number
  traffic: TrafficRecord[]
  kubectlStream: { commandId: string; text: string }[]
  /** Nodes whose kube-proxy wrote rules in this slice. */
  proxySynced: string[]
}

/** Sorts the trace events since the last frame into what the UI animates and lists. */
export function sliceTrace(events: readonly SimEvent[]): TraceSlice {
  const slice: TraceSlice = {
    messages: [],
    narration: [],
    kubectl: [],
    lost: [],
    crashes: [],
    dropped: 0,
    traffic: [],
    kubectlStream: [],
    proxySynced: [],
  }
  for (const e of events) {
    switch (e.type) {
      case 'MessageSent':
        if (slice.messages.length < MAX_MESSAGES_PER_FRAME) {
          slice.messages.push({
            id: e.id,
            from: e.from,
            to: e.to,
            label: e.label,
            sentAtMs: e.atMs,
            deliverAtMs: e.deliverAtMs,
            step: e.step,
            about: e.about,
            ...(e.detail ? { detail: e.detail } : {}),
          })
        } else slice.dropped++
        break
      case 'Narrated':
        pushNarration(slice, {
          seq: e.seq,
          atMs: e.atMs,
          actor: e.actor,
          text: e.text,
          step: e.step,
          about: e.about,
        })
        break
      case 'KubeEventRecorded':
        pushNarration(slice, {
          seq: e.seq,
          atMs: e.atMs,
          actor: e.source,
          text: `${e.reason}: ${e.message}`,
          about: e.about,
        })
        break
      case 'ActionApplied':
        pushNarration(slice, { seq: e.seq, atMs: e.atMs, actor: 'you', text: e.summary })
        break
      case 'KubectlFinished':
        slice.kubectl.push({
          commandId: e.commandId,
          exitCode: e.exitCode,
          output: e.output,
          atMs: e.atMs,
        })
        break
      case 'AuthorizationDecided':
        // The auth stream (auth-stream.ts) carries these.
        break
      case 'MessageDropped':
        if (slice.lost.length < MAX_MESSAGES_PER_FRAME)
          slice.lost.push({ id: e.id, reason: e.reason })
        break
      case 'ComponentCrashed':
      case 'ComponentRestarted':
        sliceCrash(slice, e)
        break
      case 'ApiResponded':
      case 'ApiWatchEvent':
        break
      default:
        sliceWorkloadEvent(slice, e)
    }
  }
  slice.dropped += capRaft(slice.messages)
  return slice
}

/** Traffic results, streamed kubectl output and kube-proxy syncs. */
function sliceWorkloadEvent(slice: TraceSlice, e: SimEvent): void {
  if (e.type === 'TrafficRequestFinished') {
    const { type: _type, seq: _seq, ...rest } = e
    slice.traffic.push(rest)
  } else if (e.type === 'KubectlOutput') {
    slice.kubectlStream.push({ commandId: e.commandId, text: e.text })
  } else if (e.type === 'KubeProxySynced' && !slice.proxySynced.includes(e.node)) {
    slice.proxySynced.push(e.node)
  }
}

/** A component crash (for the notice) or restart, and the narration line of either. */
function sliceCrash(
  slice: TraceSlice,
  e: Extract<SimEvent, { type: 'ComponentCrashed' | 'ComponentRestarted' }>,
): void {
  if (e.type === 'ComponentRestarted') {
    const text = `${e.actor} restarted (restart ${e.restarts})`
    pushNarration(slice, { seq: e.seq, atMs: e.atMs, actor: e.actor, text })
    return
  }
  slice.crashes.push({
    actor: e.actor,
    error: e.error,
    atMs: e.atMs,
    restartAtMs: e.atMs + e.restartInMs,
    restarts: e.restarts,
    restarter: e.restarter,
  })
  const text = `${e.actor} crashed: ${e.error}; ${e.restarter} restarts it in ${formatDelay(e.restartInMs)}`
  pushNarration(slice, { seq: e.seq, atMs: e.atMs, actor: e.actor, text })
}

const formatDelay = (ms: number): string =>
  ms === 0 ? 'at once' : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`

function pushNarration(slice: TraceSlice, record: NarrationRecord): void {
  if (slice.narration.length < MAX_NARRATION_PER_FRAME) slice.narration.push(record)
  else slice.dropped++
}

/** Which stored keys become records (scale mode keeps Pods and Nodes as aggregates instead). */
export type KeyFilter = (key: string) => boolean

const everyKey: KeyFilter = () => true

/** Changes as a delta of records: the newest state of each kept key, removals last-wins. */
export function deltaOf(
  changes: readonly StoreChange[],
  revision: number,
  keep: KeyFilter = everyKey,
): { delta: Delta; revision: number } {
  const upserted = new Map<string, ObjectRecord>()
  const removed = new Set<string>()
  let latest = revision
  for (const change of changes) {
    latest = Math.max(latest, change.revision)
    if (!keep(change.key)) continue
    if (change.type === 'DELETE' || !change.object) {
      upserted.delete(change.key)
      removed.add(change.key)
      continue
    }
    const record = toRecord(change.key, change.object)
    if (!record) continue
    removed.delete(change.key)
    upserted.set(change.key, record)
  }
  return { delta: { upserted: [...upserted.values()], removed: [...removed] }, revision: latest }
}

/** Every stored object as records, for a reset frame. */
export function allRecords(sim: Simulation): { records: ObjectRecord[]; revision: number } {
  const snapshot = sim.snapshot()
  return { records: recordsOf(snapshot.keys, snapshot.objects), revision: snapshot.revision }
}

/** Records of the kept keys of a snapshot. */
export function recordsOf(
  keys: readonly string[],
  objects: readonly KubeObject[],
  keep: KeyFilter = everyKey,
): ObjectRecord[] {
  const records: ObjectRecord[] = []
  objects.forEach((object, i) => {
    const key = keys[i] ?? ''
    if (!keep(key)) return
    const record = toRecord(key, object)
    if (record) records.push(record)
  })
  return records
}

/** The etcd cluster with the links between its members and to the API servers. */
export function etcdRecord(sim: Simulation): EtcdRecord {
  const cluster = sim.etcd()
  const ids = cluster.members.map((m) => m.id)
  // The API servers are etcd's clients (cheap: the nodes' 15,000 agents are not listed).
  const clients = sim.etcdClients()
  const peers = [...ids, ...clients.map((c) => c.id)]
  const links: LinkRecord[] = []
  for (let i = 0; i < peers.length; i++)
    for (let j = i + 1; j < peers.length; j++) {
      const a = peers[i] ?? ''
      const b = peers[j] ?? ''
      links.push({ a, b, ...sim.linkStatus(a, b) })
    }
  return { ...cluster, links, clients }
}

// Answers a reset frame repeats: as many as the page keeps (MAX_KUBECTL in store/apply-frame.ts).
const MAX_REPLAYED_ANSWERS = 50

/** The last kubectl answers in the trace. */
export function finishedCommands(sim: Simulation): KubectlOutputRecord[] {
  const found: KubectlOutputRecord[] = []
  for (let i = sim.trace.length - 1; i >= 0 && found.length < MAX_REPLAYED_ANSWERS; i--) {
    const e = sim.trace[i]
    if (e?.type === 'KubectlFinished')
      found.push({ commandId: e.commandId, exitCode: e.exitCode, output: e.output, atMs: e.atMs })
  }
  return found.reverse()
}

/** A frame with the playback state and nothing else yet: the host adds what changed. */
export function emptyFrame(
  sim: Simulation,
  playback: Pick<
    Frame,
    'seq' | 'simTimeMs' | 'playing' | 'speed' | 'followMessages' | 'effectiveRate'
  >,
): Frame {
  return {
    ...playback,
    horizonMs: sim.horizonMs,
    traceLength: sim.traceEnd,
    delta: { upserted: [], removed: [] },
    messages: [],
    narration: [],
    kubectl: [],
    droppedEvents: 0,
  }
}

/** The trace since the last frame, into the frame: messages, narration, kubectl, losses, crashes. */
export function addTraceSlice(
  frame: Frame,
  sim: Simulation,
  events: readonly SimEvent[],
): TraceSlice {
  const slice = sliceTrace(events)
  Object.assign(frame, {
    messages: slice.messages,
    narration: slice.narration,
    // After a load or a seek, the answers of commands that finished in the replay as well: the
    // page may still be waiting for one (a command in flight when the worker was restarted).
    kubectl: frame.reset ? [...finishedCommands(sim), ...slice.kubectl] : slice.kubectl,
    droppedEvents: slice.dropped,
  })
  if (slice.lost.length > 0) frame.lost = slice.lost
  if (slice.crashes.length > 0) frame.crashes = slice.crashes
  return slice
}
