import { select } from 'd3'
import { useEffect, useRef } from 'react'
import type { MessageRecord } from '../../../protocol/records'
import { useServices } from '../../app/app-context'
import { alongLink, layoutRing } from './raft-geometry'
import { messageClass } from './raft-text'
import { useMotion } from '../../app/use-motion'
import { tripFraction } from '../../viz/motion'

interface RaftMessagesProps {
  /** The members on the ring, comma-separated: the layout is rebuilt only when they change. */
  ids: string
  width: number
  height: number
  onSelect: (message: MessageRecord) => void
}

// A delivered message blinks at its receiver this long (wall time), so that heartbeats, which
// cross a LAN in 2 ms, are still seen; messages in flight move at their real virtual speed.
const BLINK_MS = 700

interface Drawn {
  m: MessageRecord
  x: number
  y: number
  opacity: number
  moving: boolean
}

/** Raft messages between members, drawn by a d3 join in requestAnimationFrame. */
export function RaftMessages({ ids, width, height, onSelect }: RaftMessagesProps) {
  const ref = useRef<SVGGElement>(null)
  const { store } = useServices()
  const motion = useMotion()
  useEffect(() => {
    const group = ref.current
    if (!group) return
    const layout = layoutRing(ids.split(','), width, height)
    const firstSeen = new Map<number, number>()
    const at = new Map(layout.members.map((p) => [p.id, p]))
    let raf = 0
    let frameWall = performance.now()
    let lastSeq = -1
    const draw = () => {
      const state = store.getState()
      const wall = performance.now()
      if (state.frameSeq !== lastSeq) {
        lastSeq = state.frameSeq
        frameWall = wall
      }
      const drift = state.playing ? Math.min(50, wall - frameWall) * state.effectiveRate : 0
      const now = state.simTimeMs + drift
      const drawn: Drawn[] = []
      for (const m of state.recentRaft) {
        const from = at.get(m.from)
        const to = at.get(m.to)
        if (!from || !to) continue
        if (!firstSeen.has(m.id)) firstSeen.set(m.id, wall)
        if (now < m.deliverAtMs) {
          const t = (now - m.sentAtMs) / Math.max(1, m.deliverAtMs - m.sentAtMs)
          drawn.push({
            m,
            ...alongLink(from, to, tripFraction(t, motion)),
            opacity: 1,
            moving: true,
          })
          continue
        }
        const age = wall - (firstSeen.get(m.id) ?? wall)
        if (age < BLINK_MS)
          drawn.push({
            m,
            ...alongLink(from, to, 0.82),
            opacity: 1 - age / BLINK_MS,
            moving: false,
          })
      }
      if (firstSeen.size > 400)
        for (const id of [...firstSeen.keys()].slice(0, 200)) firstSeen.delete(id)
      select(group)
        .selectAll<SVGCircleElement, Drawn>('circle')
        .data(drawn, (d) => d.m.id)
        .join((enter) =>
          enter
            .append('circle')
            .attr('r', 7)
            .attr('tabindex', -1)
            .on('click', (_, d) => {
              onSelect(d.m)
            }),
        )
        .attr(
          'class',
          (d) =>
            `raft-msg ${messageClass(d.m)}${d.moving ? ' moving' : ''}${d.m.lost ? ' lost' : ''}`,
        )
        .attr('cx', (d) => d.x)
        .attr('cy', (d) => d.y)
        .attr('opacity', (d) => d.opacity)
        .attr('data-label', (d) => d.m.label)
      raf = requestAnimationFrame(draw)
    }
    raf = requestAnimationFrame(draw)
    return () => {
      cancelAnimationFrame(raf)
    }
  }, [ids, width, height, onSelect, store, motion])
  return <g ref={ref} className="raft-messages" />
}
