import type { RecordedAction, SimAction } from '../sim/index'

/** An action left out of the replay, and why. */
export interface DroppedAction {
  index: number
  atMs: number
  summary: string
  action: SimAction
  reason: string
}

export type RecoveryDecision =
  | { kind: 'restart'; message: string }
  | { kind: 'drop'; dropped: DroppedAction; message: string }
  | { kind: 'give-up'; message: string }

// Restarts in a row without one frame of progress before the client stops trying. Each drop
// shortens the action log, so this is only reached when even booting fails.
const MAX_RESTARTS_WITHOUT_PROGRESS = 6

/**
 * When the simulation worker dies, where was it? Replaying action i (the host says which before
 * each one), booting, or running after the replay. The first crash of a kind restarts the worker
 * with the whole log; the same crash at the same place again means replaying the log will keep
 * killing it, so the action to blame is dropped from the log and the rest replayed. A crash
 * while booting with nothing left to drop gives up with a clear message.
 */
export class CrashRecovery {
  private readonly seen = new Set<string>()
  /** undefined: running; -1: booting; i: replaying action i. */
  private at: number | undefined
  private summary = ''
  private restartsWithoutProgress = 0

  /** A (re)started worker is loading: booting until it reports the first replayed action. */
  loading(): void {
    this.at = -1
  }

  replaying(index: number, summary: string): void {
    this.at = index
    this.summary = summary
  }

  replayed(): void {
    this.at = undefined
  }

  /** A frame arrived from a worker that is running: the last restart worked. */
  progressed(): void {
    if (this.at === undefined) this.restartsWithoutProgress = 0
  }

  /** What to do about a crash; `deliberate` (someone killed the worker) always restarts. */
  onCrash(
    reason: string,
    actions: readonly RecordedAction[],
    summaries: readonly string[],
    deliberate = false,
  ): RecoveryDecision {
    const place = this.at === undefined ? 'running' : this.at < 0 ? 'booting' : `action ${this.at}`
    const key = `${reason} | ${place}`
    const repeated = !deliberate && this.seen.has(key)
    if (!deliberate) this.seen.add(key)
    if (++this.restartsWithoutProgress > MAX_RESTARTS_WITHOUT_PROGRESS) return giveUp(reason)
    if (!repeated)
      return {
        kind: 'restart',
        message: `${reason}; restarting it and replaying your ${actions.length} action(s)`,
      }
    // The same crash, at the same place: the action replayed then (or the last one) is to blame.
    const index = this.at ?? actions.length - 1
    const recorded = actions[index]
    if (index < 0 || !recorded) return giveUp(reason)
    const summary = this.at === index ? this.summary : (summaries[index] ?? 'an action')
    const dropped = { index, atMs: recorded.atMs, summary, action: recorded.action, reason }
    return {
      kind: 'drop',
      dropped,
      message: `Dropped your action "${summary}": replaying it crashed the simulation again (${reason}). Your other ${actions.length - 1} action(s) were replayed.`,
    }
  }
}

function giveUp(reason: string): RecoveryDecision {
  return {
    kind: 'give-up',
    message: `The simulation keeps crashing (${reason}) and could not be recovered; reload the page to start again.`,
  }
}
