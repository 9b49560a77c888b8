import type { Simulation } from '../sim/index'
import type { Delta, Frame } from '../protocol/messages'
import type { ComponentRecord, ObjectRecord } from '../protocol/records'
import type { ScaleLoad, ScaleViewRequest } from '../protocol/scale'
import { toRecord } from './records'
import { ScaleDriver } from './scale-driver'
import { ScaleIndex } from './scale-index'

// Aggregated, never sent record by record: Pods, Nodes, and the Events every Pod start writes.
const AGGREGATED = ['/registry/pods/', '/registry/minions/', '/registry/events/']
const isAggregated = (key: string): boolean => AGGREGATED.some((p) => key.startsWith(p))
// Animated messages per frame in scale mode: the page keeps those in flight, a few hundred at
// most; the rest are counted (the view says it samples).
const MAX_SCALE_MESSAGES_PER_FRAME = 40

/** A node's components (kubelet, runtime, kube-proxy: 15,000 at 5,000 nodes) stay in the worker. */
export const isControlPlaneComponent = (c: ComponentRecord): boolean => !c.host.startsWith('node-')

/**
 * Scale mode's part of the host: the store's changes feed the per-node index (ScaleIndex)
 * instead of becoming records, frames carry the aggregates that changed and the Pods the page
 * shows, messages are sampled, and the ScaleDriver adds Deployments over time.
 */
export class ScaleStream {
  readonly index: ScaleIndex
  readonly driver: ScaleDriver
  private view: ScaleViewRequest = { podWindow: null, node: null }

  constructor(load: ScaleLoad) {
    this.index = new ScaleIndex(load.pods)
    this.driver = new ScaleDriver(load.pods)
  }

  setView(view: ScaleViewRequest): void {
    this.view = view
  }

  /** The changes since `revision`: aggregated into the index, the rest as records. */
  delta(sim: Simulation, revision: number): { delta: Delta; revision: number } | 'reset' {
    const changes = sim.changesSince(revision)
    if (changes === 'reset') return 'reset'
    this.index.apply(changes)
    const upserted = new Map<string, ObjectRecord>()
    const removed = new Set<string>()
    let latest = revision
    for (const change of changes) {
      latest = Math.max(latest, change.revision)
      if (isAggregated(change.key)) continue
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

  /** Everything, for a reset frame: the index rebuilt, records of what is not aggregated. */
  reset(sim: Simulation): { records: ObjectRecord[]; revision: number } {
    const snapshot = sim.snapshot()
    this.index.rebuild(snapshot.keys, snapshot.objects)
    const records: ObjectRecord[] = []
    snapshot.objects.forEach((object, i) => {
      const key = snapshot.keys[i] ?? ''
      if (isAggregated(key)) return
      const record = toRecord(key, object)
      if (record) records.push(record)
    })
    return { records, revision: snapshot.revision }
  }

  /** Adds the aggregates, the shown Pods, and samples the messages. */
  add(frame: Frame): void {
    const sent = frame.messages.length + frame.droppedEvents
    if (frame.messages.length > MAX_SCALE_MESSAGES_PER_FRAME) {
      const every = frame.messages.length / MAX_SCALE_MESSAGES_PER_FRAME
      const sampled = Array.from(
        { length: MAX_SCALE_MESSAGES_PER_FRAME },
        (_, i) => frame.messages[Math.floor(i * every)],
      ).filter((m) => m !== undefined)
      frame.droppedEvents += frame.messages.length - sampled.length
      frame.messages = sampled
    }
    if (frame.reset) frame.reset.components = frame.reset.components.filter(isControlPlaneComponent)
    if (frame.components) frame.components = frame.components.filter(isControlPlaneComponent)
    const { podWindow, node } = this.view
    frame.scale = {
      ...this.index.takeChanges(frame.reset !== undefined),
      messagesSent: sent,
      ...(podWindow ? { podWindow: this.index.podWindow(podWindow.offset, podWindow.count) } : {}),
      ...(node !== null ? { nodePods: this.index.nodePods(node) } : {}),
    }
  }
}
