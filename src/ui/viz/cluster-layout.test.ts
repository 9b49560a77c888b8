import { describe, expect, it } from 'vitest'
import type { ComponentRecord } from '../../protocol/records'
import { anchor, layoutCluster, pointAlong, routeBetween, type Box } from './cluster-layout'

function cluster(nodes: number): ComponentRecord[] {
  const cp = [
    'kubectl',
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'kube-controller-manager',
  ] as const
  const out: ComponentRecord[] = cp.map((kind) => ({
    id: kind === 'etcd' ? 'etcd-1' : kind,
    kind,
    host: 'control-plane',
    running: true,
  }))
  for (let i = 1; i <= nodes; i++) {
    for (const kind of ['kubelet', 'kube-proxy', 'container-runtime'] as const)
      out.push({ id: `${kind}/node-${i}`, kind, host: `node-${i}`, running: true })
  }
  return out
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height

describe('cluster layout', () => {
  for (const compact of [false, true]) {
    for (const nodes of [1, 3, 7]) {
      it(`places every component without overlaps, inside its host and the canvas (compact=${compact}, ${nodes} nodes)`, () => {
        const layout = layoutCluster(cluster(nodes), compact)
        const boxes = Object.values(layout.components)
        expect(boxes).toHaveLength(5 + 3 * nodes)
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1))
            expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false)
        }
        for (const host of layout.hosts) {
          expect(inside(host, { x: 0, y: 0, width: layout.width, height: layout.height })).toBe(
            true,
          )
        }
        for (const box of boxes.filter((b) => b.id.includes('/'))) {
          const host = layout.hosts.find((h) => h.id === box.id.split('/')[1])
          expect(host && inside(box, host)).toBe(true)
        }
      })
    }
  }

  it('connects every component to the API server, and each runtime to its kubelet', () => {
    const layout = layoutCluster(cluster(2), false)
    const pairs = layout.edges.map((e) => `${e.from} → ${e.to}`)
    expect(pairs).toContain('kube-apiserver → etcd-1')
    expect(pairs).toContain('kube-apiserver → kubelet/node-2')
    expect(pairs).toContain('kubelet/node-2 → container-runtime/node-2')
    expect(layout.edges.filter((e) => e.to === 'container-runtime/node-1')).toHaveLength(1)
  })

  for (const compact of [false, true]) {
    it(`routes no message line through another component's box (compact=${compact})`, () => {
      const layout = layoutCluster(cluster(5), compact)
      const boxes = Object.values(layout.components)
      for (const edge of layout.edges) {
        for (let t = 0.02; t < 0.98; t += 0.01) {
          const [x, y] = pointAlong(edge.points, t)
          const hit = boxes.find(
            (b) =>
              b.id !== edge.from &&
              b.id !== edge.to &&
              x > b.x &&
              x < b.x + b.width &&
              y > b.y &&
              y < b.y + b.height,
          )
          expect(hit?.id, `${edge.from} → ${edge.to} at t=${t.toFixed(2)}`).toBeUndefined()
        }
      }
    })
  }

  it('walks a polyline by length, in either direction', () => {
    const path: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 30],
    ]
    expect(pointAlong(path, 0.5)).toEqual([10, 10])
    expect(pointAlong(path, 1)).toEqual([10, 30])
    const layout = layoutCluster(cluster(1), false)
    const forward = routeBetween(layout, 'kube-apiserver', 'kubelet/node-1') ?? []
    expect(routeBetween(layout, 'kubelet/node-1', 'kube-apiserver')).toEqual([...forward].reverse())
  })

  it('anchors paths on box borders', () => {
    expect(anchor({ x: 0, y: 0, width: 100, height: 40 }, 300, 20)).toEqual([100, 20])
    expect(anchor({ x: 0, y: 0, width: 100, height: 40 }, 50, 500)).toEqual([50, 40])
  })
})
