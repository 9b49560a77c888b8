import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clusterComponents } from '../testdata/cluster-records'
import { layoutToFit, pointAlong, type Box } from './cluster-layout'
import {
  labelObstacles,
  linkKey,
  placeMessageLabels,
  shortLabel,
  type LabelRequest,
} from './message-labels'

const cluster = clusterComponents

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

const LABELS = [
  'GET …/pods/web',
  '1 · POST …/pods (Pod web)',
  '201 Created',
  'Txn put /registry/pods/default/web',
  'watch ADDED Pod web',
  'PATCH pods/web/status (Running)',
  'RunPodSandbox',
]

describe('message labels', () => {
  it('never overlap each other or any static text, stay on the map, one per link', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 360, max: 2560 }),
        fc.array(
          fc.record({
            edge: fc.nat(),
            t: fc.double({ min: 0, max: 1, noNaN: true }),
            label: fc.constantFrom(...LABELS),
          }),
          { maxLength: 40 },
        ),
        (nodes, members, width, messages) => {
          const { layout } = layoutToFit(cluster(nodes, members), width)
          const requests: LabelRequest[] = messages.map((m, id) => {
            const edge = layout.edges[m.edge % layout.edges.length]
            if (!edge) throw new Error('no edges')
            const [x, y] = pointAlong(edge.points, m.t)
            return { id, x, y, text: m.label, link: linkKey(edge.from, edge.to) }
          })
          const obstacles = labelObstacles(layout)
          const placed = placeMessageLabels(obstacles, requests)
          const clashes: string[] = []
          for (const [i, a] of placed.entries()) {
            for (const b of placed.slice(i + 1))
              if (overlaps(a, b)) clashes.push(`label ${a.text} × ${b.text}`)
            for (const t of obstacles.texts) if (overlaps(a, t)) clashes.push(`${a.text} × text`)
            if (
              a.x < 0 ||
              a.y < 0 ||
              a.x + a.width > layout.width ||
              a.y + a.height > layout.height
            )
              clashes.push(`${a.text} off the map`)
          }
          expect(clashes).toEqual([])
          const links = placed.map((p) => requests[p.id]?.link)
          expect(new Set(links).size).toBe(links.length)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('labels a lone message, and the newest of several on one link', () => {
    const { layout } = layoutToFit(cluster(3, 3), 1000)
    const edge = layout.edges.find((e) => e.from === 'kube-apiserver' && e.to === 'kubectl')
    if (!edge) throw new Error('no kubectl link')
    const [x, y] = pointAlong(edge.points, 0.5)
    const link = linkKey('kubectl', 'kube-apiserver')
    const placed = placeMessageLabels(labelObstacles(layout), [
      { id: 2, x, y, text: '201 Created', link },
      { id: 1, x: x + 5, y, text: 'POST …/pods (Pod web)', link },
    ])
    expect(placed.map((p) => p.text)).toEqual(['201 Created'])
  })

  it('shortens API paths to the part a student reads', () => {
    expect(shortLabel('GET /api/v1/namespaces/default/pods/web')).toBe('GET …/pods/web')
    expect(shortLabel('POST /apis/apps/v1/namespaces/default/replicasets (ReplicaSet web)')).toBe(
      'POST …/replicasets (ReplicaSet web)',
    )
    expect(shortLabel('GET /api/v1/nodes/node-1')).toBe('GET /api/v1/nodes/node-1')
  })
})
