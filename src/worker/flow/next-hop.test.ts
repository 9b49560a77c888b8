import { describe, expect, it } from 'vitest'
import { createSimulation, type SimEvent } from '../../sim/index'
import { FlowTracker } from './flow-tracker'
import { nextHop } from './next-hop'
import { podManifest } from '../testing/manifests'

const POD = podManifest()

type Message = Extract<SimEvent, { type: 'MessageSent' }>

describe('next hop', () => {
  it('walks a Pod from apply to Running message by message, never stopping in between', () => {
    const sim = createSimulation({ seed: 1, nodes: 3, etcdMembers: 3 })
    sim.advance(3_000)
    sim.dispatch({ type: 'runKubectl', commandId: 'a', command: 'apply -f -', stdin: POD })
    const tracker = new FlowTracker()
    const stops: number[] = []
    for (let i = 0; i < 200; i++) {
      nextHop(sim, tracker, false)
      stops.push(sim.nowMs)
      tracker.update(sim.trace, sim.actions)
      if (sim.nowMs >= (tracker.record()?.completedAtMs ?? Infinity)) break
    }
    const record = tracker.record()
    expect(record?.completedAtMs).toBe(stops[stops.length - 1])
    // Every stop is an instant at which a message about web (not between etcd members) was
    // sent or arrived: nothing is skipped, no click is wasted on a heartbeat.
    const flowTimes = new Set(
      sim.trace
        .filter((e): e is Message => e.type === 'MessageSent' && e.step !== undefined)
        .filter((m) => !(m.from.startsWith('etcd-') && m.to.startsWith('etcd-')))
        .flatMap((m) => [m.atMs, m.deliverAtMs]),
    )
    expect(stops.filter((t) => !flowTimes.has(t))).toEqual([])
    expect(stops.length).toBeLessThan(60)
    expect(stops.length).toBeGreaterThan(20)
  })

  it('is the fine step when no flow is in progress', () => {
    const [sim, twin] = [1, 2].map(() => {
      const s = createSimulation({ seed: 1, nodes: 1 })
      s.advance(3_000)
      return s
    })
    if (!sim || !twin) throw new Error('no sims')
    nextHop(sim, new FlowTracker(), false)
    twin.step()
    expect(sim.nowMs).toBe(twin.nowMs)
  })
})
