// A page that stopped acknowledging (a lost message, a frozen tab) gets frames again after this
// much wall time: flow control must never stall a run for good.
const ACK_TIMEOUT_WALL_MS = 1_000

/**
 * Flow control to the page (protocol `ack` and `visibility`, on when the load asks for it): at
 * most one frame in flight, so the page gets at most one per animation frame however fast the
 * simulation runs, and none while hidden. A frame not sent is not lost: the next one carries
 * everything since the last one sent (deltas, the trace slice, aggregates).
 */
export class FrameGate {
  private enabled = false
  private hidden = false
  private awaitingAck = false
  private sentAtWallMs = 0
  /** A frame was held back and is owed when the gate opens. */
  private owed = false

  enable(on: boolean): void {
    this.enabled = on
    this.awaitingAck = false
    this.owed = false
  }

  get isEnabled(): boolean {
    return this.enabled
  }

  /** Whether a frame may go now; if not, one is owed. */
  maySend(wallMs: number): boolean {
    if (!this.enabled) return true
    const waiting = this.awaitingAck && wallMs - this.sentAtWallMs < ACK_TIMEOUT_WALL_MS
    if (this.hidden || waiting) {
      this.owed = true
      return false
    }
    return true
  }

  sent(wallMs: number): void {
    if (!this.enabled) return
    this.awaitingAck = true
    this.sentAtWallMs = wallMs
    this.owed = false
  }

  /** The page applied a frame. Returns whether a held-back frame should go now. */
  ack(): boolean {
    if (!this.enabled) return false
    this.awaitingAck = false
    return this.owed && !this.hidden
  }

  /** Returns whether to send the catch-up frame now (shown again). */
  visibility(visible: boolean): boolean {
    if (!this.enabled) return false
    this.hidden = !visible
    if (!visible) return false
    this.awaitingAck = false
    return true
  }
}
