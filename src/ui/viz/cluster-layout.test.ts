import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ComponentRecord } from '../../protocol/records'
import { clusterComponents } from '../testdata/cluster-records'
import {
  anchor,
  layoutCluster,
  layoutToFit,
  pointAlong,
  routeBetween,
  type Box,
  type ClusterLayout,
} from './cluster-layout'
import { onControlPlaneMachine } from './layout-control-plane'
import { staticTextBoxes } from './layout-text'
import { FONTS } from './layout-types'
import { textWidth } from './text-width'

const cluster = clusterComponents

/** An HA control plane (2-3 of each behind a load balancer) and kubeadm's machines' kubelets. */
function haCluster(nodes: number, members: number, planes: number): ComponentRecord[] {
  const out = cluster(nodes, members)
  out.push({ id: 'kube-apiserver-lb', kind: 'load-balancer', host: 'control-plane', running: true })
  for (let i = 1; i <= planes; i++) {
    const host = i === 1 ? 'control-plane' : `control-plane-${i}`
    for (const kind of ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager'] as const)
      if (i > 1) out.push({ id: `${kind}-${i}`, kind, host, running: true })
    for (const kind of ['kubelet', 'kube-proxy', 'container-runtime'] as const)
      out.push({ id: `${kind}/${host}`, kind, host, running: true })
  }
  return out
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.width <= outer.x + outer.width + 0.01 &&
  inner.y + inner.height <= outer.y + outer.height + 0.01

/** The layout's invariants, as a list of violations: what a student must never see. */
function violations(layout: ClusterLayout, components: readonly ComponentRecord[]): string[] {
  const out: string[] = []
  const boxes = Object.values(layout.components)
  // A control-plane machine's kubelet, runtime and kube-proxy are not drawn (its Pods are).
  const drawn = components.filter((c) => !onControlPlaneMachine(c))
  if (boxes.length !== drawn.length) out.push(`placed ${boxes.length}/${drawn.length}`)
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) if (overlaps(a, b)) out.push(`${a.id} × ${b.id}`)
  const canvas = { x: 0, y: 0, width: layout.width, height: layout.height }
  for (const host of layout.hosts) if (!inside(host, canvas)) out.push(`${host.id} off canvas`)
  for (const c of drawn) {
    const box = layout.components[c.id]
    const hostId =
      c.kind === 'etcd' ? 'etcd' : c.host.startsWith('control-plane') ? 'control-plane' : c.host
    const host = layout.hosts.find((h) => h.id === hostId)
    if (c.kind !== 'kubectl' && !(box && host && inside(box, host))) out.push(`${c.id} outside`)
  }
  // No piece of static text overlaps another, whatever status line or badge it may show; each
  // stays on the canvas, and a component's name and status line stay inside its box.
  const texts = staticTextBoxes(layout)
  for (const [i, a] of texts.entries())
    for (const b of texts.slice(i + 1)) if (overlaps(a, b)) out.push(`${a.id} × ${b.id}`)
  for (const t of texts) if (!inside(t, canvas)) out.push(`${t.id} off canvas`)
  for (const c of boxes) {
    for (const t of texts.filter((x) => x.id === `label:${c.id}` || x.id === `sub:${c.id}`))
      if (!inside(t, c)) out.push(`${t.id} outside its box`)
    if (c.labelSpot.font.px < 12) out.push(`${c.id} text under 12 px`)
  }
  // No message route crosses a box other than its ends, or a host's title.
  const titles = texts.filter((t) => t.id.startsWith('title:'))
  const within = (x: number, y: number, b: Box) =>
    x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height
  for (const edge of layout.edges) {
    for (let t = 0.02; t < 0.98; t += 0.01) {
      const [x, y] = pointAlong(edge.points, t)
      const hit = boxes.find((b) => b.id !== edge.from && b.id !== edge.to && within(x, y, b))
      if (hit) out.push(`${edge.from} → ${edge.to} crosses ${hit.id}`)
      const title = titles.find((b) => within(x, y, b))
      if (title) out.push(`${edge.from} → ${edge.to} crosses ${title.id}`)
    }
  }
  return [...new Set(out)]
}

describe('cluster layout', () => {
  it('holds its invariants on any cluster of 1–12 nodes and 1–7 etcd members, 360–2560 px wide', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 360, max: 2560 }),
        fc.option(fc.integer({ min: 300, max: 1400 }), { nil: undefined }),
        (nodes, members, width, height) => {
          const components = cluster(nodes, members)
          const { layout } = layoutToFit(components, width, height)
          expect(violations(layout, components)).toEqual([])
        },
      ),
      { numRuns: 150 },
    )
  }, 30_000)

  it('holds them with an HA control plane of 2-3 and the control-plane machines’ Pods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 360, max: 2560 }),
        fc.option(fc.integer({ min: 300, max: 1400 }), { nil: undefined }),
        (nodes, members, planes, width, height) => {
          const components = haCluster(nodes, members, planes)
          const { layout } = layoutToFit(components, width, height)
          expect(violations(layout, components)).toEqual([])
          // Drawn, the machines' Pods cover every machine; they give way only to a short height.
          const area = layout.podAreas['control-plane']
          const covered = area?.nodes?.length ?? (height === undefined ? 0 : planes)
          expect(covered).toBe(planes)
        },
      ),
      { numRuns: 100 },
    )
  }, 30_000)

  it('gives up the control-plane machines’ Pod chips before the worker nodes’ room', () => {
    const components = haCluster(3, 3, 1)
    const roomy = layoutToFit(components, 800, 2000).layout
    expect(roomy.podAreas['control-plane']?.rows).toBe(2)
    // The smallest the map gets with two rows of them (one row of Pods per node), the control
    // plane packed as tight as it goes (the scheduler and controller manager in one row).
    const packed = { sharedRow: true, column: true }
    const tall = layoutCluster(components, { width: 800, maxHeight: 1, arrangement: packed }).height
    expect(tall).toBeLessThan(layoutCluster(components, { width: 800, maxHeight: 1 }).height)
    const short = layoutToFit(components, 800, tall - 20).layout
    expect(short.podAreas['control-plane']?.rows ?? 0).toBeLessThan(2)
    expect(short.height).toBeLessThan(tall)
  })

  for (const width of [360, 640, 1000, 1400]) {
    it(`keeps every component name whole, never cut with an ellipsis, at ${width} px`, () => {
      const layout = layoutCluster(cluster(3, 3), { width })
      const cut = Object.values(layout.components).filter(
        (c) => textWidth(c.label, FONTS.component) > c.labelSpot.maxWidth,
      )
      expect(cut.map((c) => c.id)).toEqual([])
    })
  }

  it('fits the default cluster into a 1024x768 or 1280x800 screen’s map area without scrolling', () => {
    for (const [width, height] of [
      [650, 480],
      [820, 550],
    ] as const) {
      const { layout, zoom } = layoutToFit(cluster(3, 3), width, height)
      expect(layout.height * zoom).toBeLessThanOrEqual(height)
      expect(layout.width * zoom).toBeLessThanOrEqual(width)
    }
  })

  it('fits 1–3 control planes with every worker node into a 1024x768 or 1280x800 map box', () => {
    // The map boxes as the one-screen layout gives them (the box clips: it never scrolls).
    for (const [width, height] of [
      [650, 475],
      [819, 507],
    ] as const)
      for (const planes of [1, 2, 3])
        for (const nodes of [1, 2, 3]) {
          const components = planes > 1 ? haCluster(nodes, 3, planes) : cluster(nodes, 3)
          const { layout, zoom } = layoutToFit(components, width, height)
          expect(layout.height * zoom, `${planes} planes, ${nodes} nodes`).toBeLessThanOrEqual(
            height,
          )
          const workers = layout.hosts.filter((h) => h.kind === 'node')
          expect(workers).toHaveLength(nodes)
          // Room for a Deployment's Pods beside each node's kube-proxy and CoreDNS.
          for (const node of workers)
            expect(layout.podAreas[node.id]?.rows).toBeGreaterThanOrEqual(2)
        }
  })

  it('gives the Pending tray only the room its chips need', () => {
    const tray = (width: number, height?: number) =>
      layoutToFit(haCluster(3, 3, 3), width, height).layout.hosts.find((h) => h.kind === 'pending')
    // Above the control plane: the laptop's height, one row of chips.
    expect(layoutCluster(cluster(3, 3), { width: 650 }).podAreas['pending']?.rows).toBe(1)
    expect(
      layoutCluster(cluster(3, 3), { width: 650 }).hosts.find((h) => h.kind === 'pending')?.height,
    ).toBeLessThanOrEqual(60)
    // In the column beside a tall (HA) control plane: at most four rows, not the column's height.
    expect(tray(819)?.height).toBeLessThanOrEqual(26 + 4 * 28 - 6 + 10)
    expect(tray(650, 475)?.height).toBeLessThanOrEqual(26 + 4 * 28 - 6 + 10)
  })

  it('zooms in when a big screen has room to spare, never out', () => {
    expect(layoutToFit(cluster(3, 3), 1300, 800).zoom).toBeGreaterThan(1.2)
    expect(layoutToFit(cluster(12, 3), 650, 300).zoom).toBe(1)
    expect(layoutToFit(cluster(3, 3), 650).zoom).toBe(1)
  })

  it('connects every component to the API server, each runtime to its kubelet only', () => {
    const layout = layoutCluster(cluster(2), { width: 1000 })
    const pairs = layout.edges.map((e) => `${e.from} → ${e.to}`)
    expect(pairs).toContain('kube-apiserver → etcd-1')
    expect(pairs).toContain('kube-apiserver → kubelet/node-2')
    expect(pairs).toContain('kubelet/node-2 → container-runtime/node-2')
    expect(layout.edges.filter((e) => e.to === 'container-runtime/node-1')).toHaveLength(1)
  })

  it('has a Pending tray beside the scheduler’s side of the control plane', () => {
    for (const width of [390, 1000]) {
      const layout = layoutCluster(cluster(3, 3), { width })
      const tray = layout.hosts.find((h) => h.kind === 'pending')
      const area = layout.podAreas['pending']
      expect(tray && area && inside(area, tray)).toBe(true)
      expect(area?.columns).toBeGreaterThanOrEqual(1)
    }
  })

  it('walks a polyline by length, in either direction', () => {
    const path: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 30],
    ]
    expect(pointAlong(path, 0.5)).toEqual([10, 10])
    expect(pointAlong(path, 1)).toEqual([10, 30])
    const layout = layoutCluster(cluster(1), { width: 1000 })
    const forward = routeBetween(layout, 'kube-apiserver', 'kubelet/node-1') ?? []
    expect(routeBetween(layout, 'kubelet/node-1', 'kube-apiserver')).toEqual([...forward].reverse())
  })

  it('anchors paths on box borders', () => {
    expect(anchor({ x: 0, y: 0, width: 100, height: 40 }, 300, 20)).toEqual([100, 20])
    expect(anchor({ x: 0, y: 0, width: 100, height: 40 }, 50, 500)).toEqual([50, 40])
  })
})
