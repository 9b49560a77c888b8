/**
 * Where the worker's wall time goes, by phase: advancing the simulation against building and
 * posting frames (each part of a frame apart). Figures for `npm run bench:browser`, which reads
 * them from the worker (sim.worker.ts exposes them); a few clock reads per tick, no allocation.
 */
export class HostTiming {
  /** Wall ms spent per phase since the last `reset`. */
  readonly ms: Record<string, number> = {}
  /** Times each phase ran. */
  readonly count: Record<string, number> = {}
  private mark = 0
  private readonly now: () => number

  constructor(now: () => number) {
    this.now = now
  }

  /** Starts timing from now. */
  start(): void {
    this.mark = this.now()
  }

  /** Adds the time since the last mark to `phase`, and marks now. */
  lap(phase: string): void {
    const now = this.now()
    this.ms[phase] = (this.ms[phase] ?? 0) + (now - this.mark)
    this.count[phase] = (this.count[phase] ?? 0) + 1
    this.mark = now
  }

  reset(): void {
    for (const key of Object.keys(this.ms)) {
      this.ms[key] = 0
      this.count[key] = 0
    }
  }
}
