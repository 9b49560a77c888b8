import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index'
import { SchedulerStream } from './scheduler-stream'
import { NEWEST_HOLD_WALL_MS } from './decision-headlines'
import { podManifest } from './testing/manifests'

const pod = podManifest

describe('SchedulerStream', () => {
  it('sends each decision once, the queue when it changes, and nothing while idle', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(3_000)
    const stream = new SchedulerStream()
    const first = stream.next(sim, true)
    expect(first).toMatchObject({ replace: true, decisions: [] })
    expect(first?.queue?.lengths.activeQ).toBe(0)
    sim.kubectl('apply -f -', pod('web', '100m'))
    // Let web reach Running first, so no update of it lands while big waits to be retried.
    sim.advance(10_000)
    sim.kubectl('apply -f -', pod('big', '64'))
    sim.advance(500)
    const update = stream.next(sim, false)
    expect(update?.replace).toBe(false)
    expect(update?.decisions.map((d) => [d.pod, d.selectedNode !== null])).toEqual([
      ['default/web', true],
      ['default/big', false],
    ])
    // Rejected by NodeResourcesFit with no event during its cycle: parked in unschedulablePods.
    expect(update?.queue?.unschedulablePods).toMatchObject([
      { pod: 'default/big', unschedulablePlugins: ['NodeResourcesFit'] },
    ])
    // Nothing moved: nothing to send.
    expect(stream.next(sim, false)).toBeUndefined()
    // After a reset everything kept is sent again.
    expect(stream.next(sim, true)?.decisions.length).toBe(2)
  })

  it('keeps a 5,000-node decision small (rows capped, the rest counted)', () => {
    const sim = createSimulation({ seed: 2, nodes: 5_000 })
    // 5,000 kubelets register at the same instant: API Priority and Fairness queues some and
    // rejects some with 429 (node-high has 98 seats), and they retry after a second.
    sim.advance(6_000)
    sim.kubectl('apply -f -', pod('web', '100m'))
    sim.advance(500)
    const frame = new SchedulerStream().next(sim, true)
    const decision = frame?.decisions[0]
    expect(decision?.numAllNodes).toBe(5_000)
    // numFeasibleNodesToFind: 50 − 5000/125 = 10% → 500 nodes evaluated
    expect(decision?.evaluatedCount).toBe(500)
    expect(decision?.rows.length).toBe(24)
    expect(JSON.stringify(frame).length).toBeLessThan(20_000)
  }, 60_000)

  it('in scale mode sends headlines, and whole only the decision the page shows', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(3_000)
    const stream = new SchedulerStream()
    stream.setSummarise(true)
    stream.next(sim, true)
    for (const name of ['a', 'b', 'c']) sim.kubectl('apply -f -', pod(name, '100m'))
    sim.advance(2_000)
    // The panel is closed: headlines only, without rows or plugins.
    const closed = stream.next(sim, false)?.decisions ?? []
    expect(closed.map((d) => d.pod)).toEqual(['default/a', 'default/b', 'default/c'])
    expect(closed.every((d) => d.brief && d.rows.length === 0)).toBe(true)
    expect(closed.every((d) => d.selectedNode !== null && d.feasibleCount === 3)).toBe(true)
    // Opened on the newest decision: it comes whole with the next frame, once.
    stream.show('')
    const newest = stream.next(sim, false)?.decisions ?? []
    expect(newest.map((d) => [d.pod, d.brief ?? false, d.rows.length])).toEqual([
      ['default/c', false, 3],
    ])
    expect(stream.next(sim, false)).toBeUndefined()
    // A newer decision is held back while the shown one is being read (NEWEST_HOLD_WALL_MS).
    sim.kubectl('apply -f -', pod('d', '100m'))
    sim.advance(2_000)
    expect(stream.next(sim, false, 1_000)?.decisions.map((d) => d.brief)).toEqual([true])
    sim.advance(1_000)
    const later = stream.next(sim, false, NEWEST_HOLD_WALL_MS)?.decisions ?? []
    expect(later.map((d) => [d.pod, d.brief ?? false])).toEqual([['default/d', false]])
    // A Pod picked from the list: its latest decision, whole.
    stream.show('default/a')
    expect(stream.next(sim, false)?.decisions.map((d) => [d.pod, d.brief ?? false])).toEqual([
      ['default/a', false],
    ])
  })
})
