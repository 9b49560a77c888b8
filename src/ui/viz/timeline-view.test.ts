import { describe, expect, it } from 'vitest'
import type { LoggedAction } from '../../protocol/messages'
import { groupMarkers, keySeek, MARKER_TARGET_PX, niceStep, timelineView } from './timeline-view'

const apply = (atMs: number): LoggedAction => ({
  atMs,
  action: { type: 'runKubectl', commandId: 'a', command: 'apply -f -' },
  summary: 'kubectl apply -f -',
})
const stop = (atMs: number): LoggedAction => ({
  atMs,
  action: { type: 'stopComponent', id: 'etcd-1' },
  summary: 'stop etcd-1',
})

describe('the timeline', () => {
  it('marks every action where it happened, kubectl commands apart from faults', () => {
    const view = timelineView({
      horizonMs: 20_000,
      simTimeMs: 20_000,
      actions: [apply(5_000), stop(15_000)],
      zoomed: false,
    })
    expect(view.markers).toEqual([
      { atMs: 5_000, at: 0.25, label: 'kubectl apply -f -', kind: 'kubectl' },
      { atMs: 15_000, at: 0.75, label: 'stop etcd-1', kind: 'fault' },
    ])
  })

  it("marks a repair, and a timed fault's scheduled heal, as heals", () => {
    const view = timelineView({
      horizonMs: 30_000,
      simTimeMs: 30_000,
      actions: [
        stop(5_000),
        {
          atMs: 15_000,
          scheduledAtMs: 5_000,
          action: { type: 'startComponent', id: 'etcd-1' },
          summary: 'start etcd-1',
        },
        {
          atMs: 20_000,
          action: { type: 'setLinkLoss', a: 'etcd-1', b: 'etcd-2', fraction: 0.3 },
          summary: 'lose 30% between etcd-1 and etcd-2',
        },
        { atMs: 25_000, action: { type: 'healAll' }, summary: 'heal all' },
      ],
      zoomed: false,
    })
    expect(view.markers.map((m) => [m.kind, m.label])).toEqual([
      ['fault', 'stop etcd-1'],
      ['heal', 'start etcd-1 (heals by itself)'],
      ['fault', 'lose 30% between etcd-1 and etcd-2'],
      ['heal', 'heal all'],
    ])
  })

  it('zooms to the recent activity: a flow stays wide after ten minutes', () => {
    const view = timelineView({
      horizonMs: 605_000,
      simTimeMs: 605_000,
      actions: [apply(10_000), apply(600_000)],
      zoomed: true,
    })
    expect(view).toMatchObject({ start: 597_000, end: 605_000 })
    expect(view.markers.map((m) => m.atMs)).toEqual([600_000])
    // Seeking earlier than the zoomed stretch widens it to keep the time shown in view.
    expect(
      timelineView({ horizonMs: 605_000, simTimeMs: 300_000, actions: [], zoomed: true }).start,
    ).toBe(300_000)
  })

  it('moves by round steps: 1 % with the arrows, 10 % with Page Up/Down, ends with Home/End', () => {
    const view = { start: 0, end: 60_000, markers: [] }
    expect(niceStep(600)).toBe(1_000)
    expect(keySeek('ArrowRight', 30_000, view)).toBe(31_000)
    expect(keySeek('ArrowLeft', 30_000, view)).toBe(29_000)
    expect(keySeek('PageDown', 30_000, view)).toBe(20_000)
    expect(keySeek('PageUp', 55_000, view)).toBe(60_000)
    expect(keySeek('Home', 30_000, view)).toBe(0)
    expect(keySeek('End', 30_000, view)).toBe(60_000)
    expect(keySeek('a', 30_000, view)).toBeUndefined()
  })
})

describe('markers close together', () => {
  const marker = (atMs: number, at: number) => ({
    atMs,
    at,
    label: `a${String(atMs)}`,
    kind: 'fault' as const,
  })

  it('groups markers less than a 24 px target apart, so every target stays clear of the next', () => {
    // On a 1,000 px track: 0.010 apart is 10 px (one group), 0.030 is 30 px (apart).
    const markers = [
      marker(0, 0.1),
      marker(1, 0.11),
      marker(2, 0.115),
      marker(3, 0.14),
      marker(4, 0.5),
    ]
    const groups = groupMarkers(markers, 1_000)
    expect(groups.map((g) => g.markers.map((m) => m.atMs))).toEqual([[0, 1, 2], [3], [4]])
    for (const [i, g] of groups.slice(1).entries())
      expect((g.at - (groups[i]?.at ?? 0)) * 1_000).toBeGreaterThanOrEqual(MARKER_TARGET_PX)
    // Wide enough, nothing is grouped; unmeasured (0 px), everything is one group.
    expect(groupMarkers(markers, 10_000)).toHaveLength(5)
    expect(groupMarkers(markers, 0)).toHaveLength(1)
    expect(groupMarkers([], 1_000)).toEqual([])
  })
})
