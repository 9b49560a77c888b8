import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { etcdRecord } from './frame-builder'

// How often, in wall ms, the Raft record is resent when only logs and timers moved.
const ETCD_REFRESH_WALL_MS = 100

/**
 * Decides when the Raft record and the component list go into a frame: the Raft state at once
 * when a role, term, leader, member or link changed, otherwise (logs, timers) at most every
 * ETCD_REFRESH_WALL_MS, which is smooth enough for the timer arcs (the view interpolates between
 * ticks) and keeps frames small at 64x; the components when an action may have changed them.
 */
export class ClusterStream {
  private lastEtcdJson = ''
  private lastEtcdShape = ''
  private lastEtcdWall = -Infinity
  private lastComponentsJson = ''

  addTo(sim: Simulation, frame: Frame, wallMs: number): void {
    const etcd = etcdRecord(sim)
    const shape = JSON.stringify([
      etcd.members.map((m) => [m.id, m.role, m.term, m.leader, m.running, m.crash]),
      etcd.voters,
      etcd.links,
      etcd.clients,
    ])
    const due = wallMs - this.lastEtcdWall >= ETCD_REFRESH_WALL_MS
    if (frame.reset || shape !== this.lastEtcdShape || due) {
      const json = JSON.stringify(etcd)
      if (frame.reset || json !== this.lastEtcdJson) {
        frame.etcd = etcd
        this.lastEtcdJson = json
        this.lastEtcdShape = shape
        this.lastEtcdWall = wallMs
      }
    }
    if (frame.reset || frame.actions) {
      const components = sim.components()
      const signature = JSON.stringify(components)
      if (signature !== this.lastComponentsJson && !frame.reset) frame.components = components
      this.lastComponentsJson = signature
    }
  }
}
