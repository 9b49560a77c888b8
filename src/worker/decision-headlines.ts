import type { DecisionRecord } from '../protocol/records'

// Pods whose latest decision the worker keeps to send in full when the student picks one: more
// than the page lists (KEPT_DECISIONS, 80, in store/apply-scheduler.ts).
const REMEMBERED_PODS = 200
// The newest decision, shown whole, stays this long before a newer one replaces it: at scale a
// decision is made every few ms, and a matrix replaced every frame is never read (nor revealed).
export const NEWEST_HOLD_WALL_MS = 4_000

/**
 * A decision without its node-by-node part (rows, filter and score plugins, reasons, the tie,
 * the Pod's tolerations and selector):
 * what the Pod picker and a list need, a few hundred bytes where the whole is several KB.
 */
export function headlineOf(d: DecisionRecord): DecisionRecord {
  const {
    rows: _rows,
    reasons: _reasons,
    filterPlugins: _filters,
    scorePlugins: _scores,
    preFilterRejections: _preFilter,
    tie: _tie,
    explanation: _explanation,
    failureMessage: _failure,
    tolerations: _tolerations,
    nodeSelector: _selector,
    ...rest
  } = d
  return {
    ...rest,
    rows: [],
    reasons: [],
    filterPlugins: [],
    scorePlugins: [],
    preFilterRejections: [],
    tolerations: [],
    nodeSelector: {},
    brief: true,
  }
}

/**
 * Which decision goes in full (scale mode): the one the page shows, once per decision. Keeps the
 * latest decision of recent Pods (the simulation's own objects, shared, never copied), so a
 * Pod picked from the list is sent in full even after the scheduler's log moved past it.
 */
export class DecisionsInFull {
  /** '' the newest decision, a Pod (namespace/name), null: none is shown. */
  private shown: string | null = null
  private sentSeq = -1
  private sentAtWallMs = -Infinity
  private readonly byPod = new Map<string, DecisionRecord>()

  show(decision: string | null): void {
    this.shown = decision
    this.sentSeq = -1
    this.sentAtWallMs = -Infinity
  }

  clear(): void {
    this.byPod.clear()
    this.sentSeq = -1
    this.sentAtWallMs = -Infinity
  }

  remember(decisions: readonly DecisionRecord[]): void {
    for (const d of decisions) {
      // Re-inserted: the map's order is the order Pods were last decided.
      this.byPod.delete(d.pod)
      this.byPod.set(d.pod, d)
    }
    for (const pod of this.byPod.keys()) {
      if (this.byPod.size <= REMEMBERED_PODS) break
      this.byPod.delete(pod)
    }
  }

  /**
   * The shown decision when it was not sent in full yet (the newest one at most every
   * NEWEST_HOLD_WALL_MS); `kept` is the scheduler's, by seq.
   */
  due(kept: readonly DecisionRecord[], wallMs: number): DecisionRecord | undefined {
    const shown = this.shown
    if (shown === null) return undefined
    if (shown === '' && wallMs - this.sentAtWallMs < NEWEST_HOLD_WALL_MS) return undefined
    const decision = shown === '' ? kept[kept.length - 1] : this.byPod.get(shown)
    if (!decision || decision.seq === this.sentSeq) return undefined
    this.sentSeq = decision.seq
    this.sentAtWallMs = wallMs
    return decision
  }
}
