import { select } from 'd3'
import { useEffect, useRef } from 'react'
import type { MessageRecord } from '../../../protocol/records'
import { useServices } from '../../app/app-context'
import { pointAlong, routeBetween, type ClusterLayout } from '../../viz/cluster-layout'
import { stepColor } from '../../viz/flow-steps'

interface MessagesLayerProps {
  layout: ClusterLayout
}

interface Positioned {
  message: MessageRecord
  x: number
  y: number
}

/**
 * Animates the messages in flight: each dot moves from sender to receiver as virtual time goes
 * from sentAtMs to deliverAtMs. Reads the store transiently (no React renders per frame) and
 * draws with a d3 join inside requestAnimationFrame.
 */
export function MessagesLayer({ layout }: MessagesLayerProps) {
  const ref = useRef<SVGGElement>(null)
  const { store } = useServices()
  useEffect(() => {
    const group = ref.current
    if (!group) return
    let frameWall = performance.now()
    let lastSeq = -1
    let raf = 0
    const draw = () => {
      const state = store.getState()
      if (state.frameSeq !== lastSeq) {
        lastSeq = state.frameSeq
        frameWall = performance.now()
      }
      const elapsed = state.playing ? (performance.now() - frameWall) * state.effectiveRate : 0
      const now = state.simTimeMs + Math.min(elapsed, 50 * state.effectiveRate)
      const positioned: Positioned[] = []
      for (const message of state.inFlight) {
        const route = routeBetween(layout, message.from, message.to)
        if (!route || message.deliverAtMs <= now || message.sentAtMs > now) continue
        const t = (now - message.sentAtMs) / Math.max(1, message.deliverAtMs - message.sentAtMs)
        const [x, y] = pointAlong(route, t)
        positioned.push({ message, x, y })
      }
      const labelled = new Set(
        positioned
          .filter((p) => p.message.step !== undefined)
          .slice(-6)
          .map((p) => p.message.id),
      )
      const dots = select(group)
        .selectAll<SVGGElement, Positioned>('g.message')
        .data(positioned, (d) => String(d.message.id))
        .join((enter) => {
          const g = enter.append('g').attr('class', 'message')
          g.append('circle').attr('r', 7)
          g.append('text')
            .attr('class', 'message-label')
            .attr('dy', -11)
            .attr('text-anchor', 'middle')
          return g
        })
      dots
        .attr('transform', (d) => `translate(${d.x},${d.y})`)
        .attr('data-step', (d) => d.message.step ?? '')
        .attr('data-testid', (d) => `message-${d.message.id}`)
      dots.select('circle').attr('fill', (d) => stepColor(d.message.step))
      dots
        .select('text')
        .text((d) =>
          labelled.has(d.message.id) ? `${d.message.step ?? ''} · ${d.message.label}` : '',
        )
      raf = requestAnimationFrame(draw)
    }
    raf = requestAnimationFrame(draw)
    return () => {
      cancelAnimationFrame(raf)
      select(group).selectAll('*').remove()
    }
  }, [layout, store])
  return <g ref={ref} className="messages" aria-hidden="true" />
}
