import { select } from 'd3'
import { useEffect, useMemo, useRef } from 'react'
import { useServices } from '../../app/app-context'
import type { ClusterLayout, Box } from '../../viz/cluster-layout'
import { stepColor } from '../../viz/flow-steps'
import { messageFrame, type MessageFrame, type PositionedMessage } from '../../viz/message-frame'
import type { ShownTexts } from '../../viz/layout-text'
import { labelObstacles, type PlacedLabel } from '../../viz/message-labels'
import { useFrameClock } from '../../app/use-frame-clock'
import { useMotion } from '../../app/use-motion'

interface MessagesLayerProps {
  layout: ClusterLayout
  /** The text the map shows now, which labels keep clear of. */
  shown: ShownTexts
}

/** Draws one MessageFrame into the layer with d3 joins: the pulse, the dots, the labels. */
function draw(group: SVGGElement, frame: MessageFrame): void {
  const root = select(group)
  root
    .selectAll<SVGRectElement, Box>('rect.quorum-pulse')
    .data(frame.pulse ? [frame.pulse] : [])
    .join((enter) => enter.append('rect').attr('class', 'quorum-pulse').attr('rx', 12))
    .attr('x', (d) => d.x - 3)
    .attr('y', (d) => d.y - 3)
    .attr('width', (d) => d.width + 6)
    .attr('height', (d) => d.height + 6)
  root
    .selectAll<SVGCircleElement, PositionedMessage>('circle.message')
    .data(frame.dots, (d) => String(d.message.id))
    .join((enter) => enter.append('circle').attr('class', 'message').attr('r', 7))
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('fill', (d) => stepColor(d.message.step))
    .attr('data-step', (d) => d.message.step ?? '')
    .attr('data-testid', (d) => `message-${String(d.message.id)}`)
  root
    .selectAll<SVGTextElement, PlacedLabel>('text.message-label')
    .data(frame.labels, (d) => String(d.id))
    .join((enter) => enter.append('text').attr('class', 'message-label'))
    .attr('x', (d) => d.textX)
    .attr('y', (d) => d.textY)
    .attr('data-message', (d) => d.id)
    .text((d) => d.text)
}

/**
 * Animates the messages in flight (see messageFrame): reads the store transiently, so React
 * does not render per frame, and draws with d3 joins inside requestAnimationFrame.
 */
export function MessagesLayer({ layout, shown }: MessagesLayerProps) {
  const ref = useRef<SVGGElement>(null)
  const { store } = useServices()
  const clock = useFrameClock()
  const motion = useMotion()
  const obstacles = useMemo(() => labelObstacles(layout, shown), [layout, shown])
  useEffect(() => {
    const group = ref.current
    if (!group) return
    let raf = 0
    const tick = () => {
      const state = store.getState()
      draw(
        group,
        messageFrame(layout, obstacles, state.inFlight, clock.now(), state.expertDetail, motion),
      )
      raf = requestAnimationFrame(tick)
    }
    raf = requestAnimationFrame(tick)
    return () => {
      cancelAnimationFrame(raf)
      select(group).selectAll('*').remove()
    }
  }, [layout, obstacles, store, clock, motion])
  return <g ref={ref} className="messages" aria-hidden="true" />
}
