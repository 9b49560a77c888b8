import type { AuthorizationRecord, SimEvent, Simulation } from '../sim/index'
import type { AuthFrame, InspectorRecord } from '../protocol/records'

// Decisions kept for a reset frame (the Access tab lists the latest ones).
const KEPT_DECISIONS = 20
// Keys the inspector offers: Secrets and ConfigMaps, bounded for big clusters.
const MAX_KEYS = 200
export const INSPECTED_PREFIXES = ['/registry/secrets/', '/registry/configmaps/']
const INSPECT_EVERY_WALL_MS = 250

const decisionsIn = (events: readonly SimEvent[]): AuthorizationRecord[] =>
  events.flatMap((e) => (e.type === 'AuthorizationDecided' ? [e.record] : []))

/**
 * The auth part of the next frame: new decisions from the trace since the last frame, and the
 * kubeconfig, API server and inspector only when they changed. Idle: nothing.
 */
export class AuthStream {
  /** The key the student picked ('' for the first Secret). */
  key = ''
  private inspected = false
  private inspectedWall = -Infinity
  private sentKubeconfig = ''
  private sentApiServer = ''
  private sentInspector = ''
  /** A key the inspector lists changed since it last looked. */
  private changedSince = false

  /** Shows `key` in the inspector from the next frame on. */
  inspect(key: string): void {
    this.key = key
    this.sentInspector = ''
    this.inspected = false
  }

  next(
    sim: Simulation,
    replace: boolean,
    newEvents: readonly SimEvent[],
    /** Whether a stored Secret or ConfigMap (or the picked key) changed since the last frame. */
    inspectedChanged: boolean,
    wallMs: number,
  ): AuthFrame | undefined {
    const decisions = replace
      ? decisionsIn(sim.trace).slice(-KEPT_DECISIONS)
      : decisionsIn(newEvents).slice(-KEPT_DECISIONS)
    const frame: AuthFrame = { replace, decisions }
    const kubeconfig = sim.kubeconfig()
    const kubeconfigJson = JSON.stringify(kubeconfig)
    if (kubeconfig && (replace || kubeconfigJson !== this.sentKubeconfig))
      frame.kubeconfig = kubeconfig
    this.sentKubeconfig = kubeconfigJson
    const apiServer = sim.apiServerStatus()
    const apiJson = JSON.stringify(apiServer)
    const apiChanged = apiJson !== this.sentApiServer
    if (apiServer && (replace || apiChanged)) frame.apiServer = apiServer
    this.sentApiServer = apiJson
    // Scanning etcd's keys is not free at 150,000 objects: look again only when a key it lists
    // (or the picked one) changed, and at most every INSPECT_EVERY_WALL_MS.
    this.changedSince ||= inspectedChanged
    const due = wallMs - this.inspectedWall >= INSPECT_EVERY_WALL_MS
    if (replace || apiChanged || !this.inspected || (this.changedSince && due)) {
      this.inspected = true
      this.changedSince = false
      this.inspectedWall = wallMs
      const inspector = this.inspector(sim)
      const inspectorJson = JSON.stringify(inspector)
      if (replace || inspectorJson !== this.sentInspector) frame.inspector = inspector
      this.sentInspector = inspectorJson
    }
    const empty =
      !replace &&
      decisions.length === 0 &&
      !frame.kubeconfig &&
      !frame.apiServer &&
      !frame.inspector
    return empty ? undefined : frame
  }

  private inspector(sim: Simulation): InspectorRecord {
    const keys = INSPECTED_PREFIXES.flatMap((p) => sim.etcdKeys(p)).slice(0, MAX_KEYS)
    const key =
      this.key !== '' ? this.key : (keys.find((k) => k.startsWith('/registry/secrets/')) ?? '')
    const value = key !== '' ? sim.etcdGet(key) : undefined
    if (!value) return { keys }
    const copyKey = `${key}-copy`
    const copied = sim.etcdReadAs(key, copyKey)
    return { keys, key, value, ...(copied ? { copied: { key: copyKey, read: copied } } : {}) }
  }
}
