import type { Simulation, StoreChange } from '../sim/index'
import type { Delta, Frame } from '../protocol/messages'
import type { ComponentRecord, ObjectRecord } from '../protocol/records'
import type { ScaleLoad, ScaleViewRequest } from '../protocol/scale'
import { deltaOf, recordsOf } from './frame-builder'
import { jsonBytes } from './frame-budget'
import { ScaleDriver } from './scale-driver'
import { ScaleIndex } from './scale-index'
import { sampleMessages, sampleNarration } from './scale-sampling'

// Aggregated, never sent record by record: Pods, Nodes, and the Events every Pod start writes.
const AGGREGATED = ['/registry/pods/', '/registry/minions/', '/registry/events/']
const isSentAsRecord = (key: string): boolean => !AGGREGATED.some((p) => key.startsWith(p))
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
  private view: ScaleViewRequest = { podWindow: null, node: null, decision: null }

  constructor(load: ScaleLoad) {
    this.index = new ScaleIndex(load.pods)
    this.driver = new ScaleDriver(load.pods)
  }

  setView(view: ScaleViewRequest): void {
    this.view = view
  }

  /** The store's changes since `revision`: aggregated into the index, the rest as records. */
  delta(changes: readonly StoreChange[], revision: number): { delta: Delta; revision: number } {
    this.index.apply(changes)
    return deltaOf(changes, revision, isSentAsRecord)
  }

  /** Everything, for a reset frame: the index rebuilt, records of what is not aggregated. */
  reset(sim: Simulation): { records: ObjectRecord[]; revision: number } {
    const snapshot = sim.snapshot()
    this.index.rebuild(snapshot.keys, snapshot.objects)
    return {
      records: recordsOf(snapshot.keys, snapshot.objects, isSentAsRecord),
      revision: snapshot.revision,
    }
  }

  /** Adds the aggregates, the shown Pods, and samples the messages and the narration. */
  add(frame: Frame): void {
    const sent = frame.messages.length + frame.droppedEvents
    const messages = sampleMessages(frame.messages)
    const narration = sampleNarration(frame.narration)
    frame.droppedEvents +=
      frame.messages.length - messages.length + frame.narration.length - narration.length
    frame.messages = messages
    frame.narration = narration
    if (frame.reset) frame.reset.components = frame.reset.components.filter(isControlPlaneComponent)
    if (frame.components) frame.components = frame.components.filter(isControlPlaneComponent)
    const { podWindow, node } = this.view
    const names = this.index.takeNames(frame.reset !== undefined)
    frame.scale = {
      ...(names ? { nodeNames: names } : {}),
      changed: { index: [], pods: [], condition: [] },
      totals: this.index.totals(),
      messagesSent: sent,
      ...(podWindow ? { podWindow: this.index.podWindow(podWindow.offset, podWindow.count) } : {}),
      ...(node !== null ? { nodePods: this.index.nodePods(node) } : {}),
    }
  }

  /**
   * The nodes whose figures changed, within `bytes` (all of them with a new node list, which
   * the page draws from zero); the rest wait for the next frames. Returns the bytes used.
   */
  addChanges(frame: Frame, bytes: number): number {
    if (!frame.scale) return 0
    const changed = this.index.takeChanges(frame.scale.nodeNames ? Infinity : bytes)
    frame.scale.changed = changed
    return jsonBytes(changed)
  }
}
