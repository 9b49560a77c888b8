import type { MessageRecord } from '../protocol/records'
import type { SimEvent } from '../sim/index'

const ELECTION_MESSAGES = new Set([
  'MsgPreVote',
  'MsgPreVoteResp',
  'MsgVote',
  'MsgVoteResp',
  'MsgTimeoutNow',
])

/** Messages "slow down for messages" waits for: the request flow's, and an election's. */
export function isFollowed(e: {
  step?: unknown
  detail?: Record<string, unknown> | undefined
}): boolean {
  return e.step !== undefined || ELECTION_MESSAGES.has(String(e.detail?.['type']))
}

/**
 * The followed messages sent in `trace` from `cursor` on and still in flight at `simTimeMs`.
 * Only the request flow's messages and Raft elections slow time down: heartbeats and keepalives
 * are always in flight and would otherwise hold the clock at a crawl.
 */
export function followedInFlight(
  trace: readonly SimEvent[],
  cursor: number,
  simTimeMs: number,
): MessageRecord[] {
  const found: MessageRecord[] = []
  for (let i = cursor; i < trace.length; i++) {
    const e = trace[i]
    if (e?.type === 'MessageSent' && isFollowed(e) && e.deliverAtMs > simTimeMs)
      found.push({
        id: e.id,
        from: e.from,
        to: e.to,
        label: e.label,
        sentAtMs: e.atMs,
        deliverAtMs: e.deliverAtMs,
      })
  }
  return found
}

// With "follow messages" on, a hop in flight takes about this long on screen at 1x.
const HOP_WALL_MS = 700

/** Virtual ms per wall ms while following: slowed so the shortest hop in flight can be seen. */
export function followedRate(
  inFlight: readonly MessageRecord[],
  simTimeMs: number,
  speed: number,
): number {
  let shortest = Infinity
  for (const m of inFlight)
    if (m.deliverAtMs > simTimeMs) shortest = Math.min(shortest, m.deliverAtMs - m.sentAtMs)
  return shortest === Infinity ? speed : speed * Math.min(1, Math.max(1, shortest) / HOP_WALL_MS)
}

/** The followed messages in flight, kept up to date from the trace as time advances. */
export class InFlight {
  private messages: MessageRecord[] = []
  /** Sequence number of the next trace entry to read. */
  private cursor = 0

  /** Forget them all and read on from sequence number `traceEnd` (after a load or a seek). */
  reset(traceEnd: number): void {
    this.messages = []
    this.cursor = traceEnd
  }

  /**
   * Drops the delivered ones and adds those sent since the last call. `traceStart`: the sequence
   * number of `trace[0]` (a bounded trace drops its oldest entries).
   */
  collect(trace: readonly SimEvent[], simTimeMs: number, traceStart = 0): void {
    this.messages = [
      ...this.messages.filter((m) => m.deliverAtMs > simTimeMs),
      ...followedInFlight(trace, Math.max(0, this.cursor - traceStart), simTimeMs),
    ]
    this.cursor = traceStart + trace.length
  }

  /** Virtual ms per wall ms: `speed`, slowed while following messages (followedRate). */
  rate(simTimeMs: number, speed: number, following: boolean): number {
    return following ? followedRate(this.messages, simTimeMs, speed) : speed
  }
}
