import type { KubeObject } from '../model/objects'
import type { Simulation } from '../simulation'

/**
 * The stored objects as a test sees them change, kept up to date from the store's change feed
 * (no whole-state snapshot per instant), so a property can be checked after every event.
 */
export class StoreMirror {
  readonly objects = new Map<string, KubeObject>()
  private revision: number

  private readonly sim: Simulation

  constructor(sim: Simulation) {
    this.sim = sim
    const snapshot = sim.snapshot()
    this.revision = snapshot.revision
    snapshot.objects.forEach((object, i) => this.objects.set(snapshot.keys[i] ?? '', object))
  }

  /** Applies every change since the last sync; false if the feed was compacted past us. */
  sync(): boolean {
    const changes = this.sim.changesSince(this.revision)
    if (changes === 'reset') return false
    for (const change of changes) {
      this.revision = change.revision
      if (change.type === 'DELETE' || !change.object) this.objects.delete(change.key)
      else this.objects.set(change.key, change.object)
    }
    return true
  }

  ofKind(kind: string): KubeObject[] {
    return [...this.objects.values()].filter((o) => o.kind === kind)
  }
}
