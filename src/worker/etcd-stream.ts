import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { etcdRecord } from './frame-builder'

// How often, in wall ms, the Raft record is resent when only logs and timers moved.
const ETCD_REFRESH_WALL_MS = 100

/** Decides when frames carry the etcd cluster and the component list (see `add`). */
export class EtcdStream {
  private lastEtcdJson = ''
  private lastEtcdShape = ''
  private lastEtcdWall = -Infinity
  private lastComponentsJson = ''

  /**
   * The Raft state, when it changed: at once when a role, term, leader, member or link changed,
   * otherwise (logs, timers) at most every ETCD_REFRESH_WALL_MS, which is smooth enough for the
   * timer arcs (the view interpolates between ticks) and keeps frames small at 64x. And every
   * component, when one was added, stopped or started (only actions do that, including a timed
   * fault's scheduled heal: `acted` says an action was applied since the last frame).
   */
  add(sim: Simulation, frame: Frame, wall: number, acted = false): void {
    const etcd = etcdRecord(sim)
    const shape = JSON.stringify([
      etcd.members.map((m) => [m.id, m.role, m.term, m.leader, m.running, m.crash]),
      etcd.voters,
      etcd.links,
      etcd.clients,
    ])
    const due = wall - this.lastEtcdWall >= ETCD_REFRESH_WALL_MS
    if (frame.reset || shape !== this.lastEtcdShape || due) {
      const json = JSON.stringify(etcd)
      if (frame.reset || json !== this.lastEtcdJson) {
        frame.etcd = etcd
        this.lastEtcdJson = json
        this.lastEtcdShape = shape
        this.lastEtcdWall = wall
      }
    }
    if (frame.reset || frame.actions || acted) {
      const components = sim.components()
      const signature = JSON.stringify(components)
      if (signature !== this.lastComponentsJson && !frame.reset) frame.components = components
      this.lastComponentsJson = signature
    }
  }
}
