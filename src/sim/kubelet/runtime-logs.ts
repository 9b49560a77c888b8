/**
 * Container log files, as containerd writes them (CRI log format: time, stream, text) and
 * the kubelet reads them for `kubectl logs`: the program's own output up to now (or to its
 * exit) plus lines written since (access logs), `--previous` from the container before, and
 * `-f` streams that send new lines as they are written and end when the container exits.
 */
import type { ActorContext } from '../runtime/actor'
import type { CriCall } from '../runtime/messages'
import { logTimestamp, renderWallTime } from './programs/wall-time'
import {
  containersOf,
  programOf,
  type ContainerRecord,
  type ContainerRuntimeState,
  type LogLine,
} from './runtime-state'

type ReadLogs = Extract<CriCall, { call: 'ReadLogs' }>

// A follower with nothing new looks again this often (the kubelet's log follower polls too).
const FOLLOW_IDLE_MS = 60_000

/** Every line the container wrote up to `untilMs` (virtual time), oldest first. */
export function logLines(
  state: ContainerRuntimeState,
  record: ContainerRecord,
  untilMs: number,
): LogLine[] {
  const start = record.startedAtMs
  if (start === undefined) return []
  const end = Math.min(untilMs, record.finishedAtMs ?? untilMs)
  const run = programOf(state, record).run(Math.max(0, end - start))
  const own: LogLine[] = run.lines.map((l) => ({
    atMs: start + l.atMs,
    stream: l.stream,
    text: renderWallTime(l.text, start + l.atMs),
  }))
  const extra = (record.extraLines ?? []).filter((l) => l.atMs <= end)
  if (extra.length === 0) return own
  return [...own, ...extra].sort((a, b) => a.atMs - b.atMs)
}

export function formatLines(lines: readonly LogLine[], timestamps: boolean): string {
  return lines
    .map((l) => (timestamps ? `${logTimestamp(l.atMs)} ${l.text}` : l.text) + '\n')
    .join('')
}

/** The container a log read is about: the newest one, or the one before with `previous`. */
export function logTarget(
  state: ContainerRuntimeState,
  call: ReadLogs,
): [string, ContainerRecord] | undefined {
  const started = containersOf(state, call.podUid, call.containerName).filter(
    ([, c]) => c.startedAtMs !== undefined,
  )
  return call.previous ? started[1] : started[0]
}

/** ReadLogs: the text `kubectl logs` prints (tail and since applied). */
export function readLogs(state: ContainerRuntimeState, call: ReadLogs, nowMs: number): string {
  const target = logTarget(state, call)
  if (!target) return ''
  let lines = logLines(state, target[1], nowMs)
  if (call.sinceMs !== undefined) lines = lines.filter((l) => l.atMs >= nowMs - (call.sinceMs ?? 0))
  if (call.tailLines !== undefined && call.tailLines >= 0) lines = lines.slice(-call.tailLines)
  return formatLines(lines, call.timestamps)
}

/** When the followed container next writes (or exits), to wake the follower then. */
function nextWakeMs(state: ContainerRuntimeState, record: ContainerRecord, nowMs: number): number {
  const start = record.startedAtMs ?? nowMs
  const program = programOf(state, record)
  const horizon = nowMs - start + FOLLOW_IDLE_MS
  const next = program.run(horizon).lines.find((l) => start + l.atMs > nowMs)
  const candidates = [nowMs + FOLLOW_IDLE_MS]
  if (next) candidates.push(start + next.atMs)
  if (program.exit) candidates.push(start + program.exit.atMs)
  return Math.min(...candidates)
}

/** Starts following a container's log after the initial read. */
export function startFollowing(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  call: ReadLogs,
  kubelet: string,
): void {
  const target = logTarget(state, call)
  if (!target || call.followStream === undefined) return
  const [containerId, record] = target
  const followers = (state.followers ??= {})
  followers[call.followStream] = {
    containerId,
    kubelet,
    sentUntilMs: ctx.nowMs,
  }
  if (record.state === 'exited') return flushFollower(ctx, state, call.followStream)
  scheduleWake(ctx, state, call.followStream, record)
}

/** Wakes the follower when the container next writes; an earlier wake replaces a later one. */
function scheduleWake(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  stream: number,
  record: ContainerRecord,
): void {
  const follower = state.followers?.[stream]
  if (!follower) return
  const at = nextWakeMs(state, record, ctx.nowMs)
  if (follower.wakeAtMs !== undefined && follower.wakeAtMs > ctx.nowMs && follower.wakeAtMs <= at)
    return
  follower.wakeAtMs = at
  ctx.setTimer(at - ctx.nowMs, { name: 'log-follow', data: stream })
}

/** The follow timer: only the latest planned wake counts. */
export function onFollowTimer(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  stream: number,
): void {
  const follower = state.followers?.[stream]
  if (follower?.wakeAtMs !== ctx.nowMs) return
  delete follower.wakeAtMs
  flushFollower(ctx, state, stream)
}

/** Sends what the followed container wrote since the last send; ends the stream on exit. */
export function flushFollower(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  stream: number,
): void {
  const follower = state.followers?.[stream]
  if (!follower) return
  const record = state.containers[follower.containerId]
  const ended = !record || record.state === 'exited'
  const lines = record
    ? logLines(state, record, ctx.nowMs).filter((l) => l.atMs > follower.sentUntilMs)
    : []
  follower.sentUntilMs = ctx.nowMs
  if (lines.length > 0 || ended) {
    ctx.send(
      follower.kubelet,
      { type: 'log-chunk', stream, text: formatLines(lines, false), end: ended },
      { label: ended ? 'log stream ends (container exited)' : `log lines (${lines.length})` },
    )
  }
  if (ended) {
    delete state.followers?.[stream]
    return
  }
  scheduleWake(ctx, state, stream, record)
}

/** A line was appended to a container's log: followers get it now. */
export function notifyFollowers(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  containerId: string,
): void {
  for (const [stream, f] of Object.entries(state.followers ?? {}))
    if (f.containerId === containerId) flushFollower(ctx, state, Number(stream))
}

export function stopFollowing(state: ContainerRuntimeState, stream: number): void {
  delete state.followers?.[stream]
}
