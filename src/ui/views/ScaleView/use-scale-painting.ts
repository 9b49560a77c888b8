import { useEffect, type RefObject } from 'react'
import type { AppStore, AppState } from '../../../store/store'
import type { ScaleMap } from '../../../store/apply-scale'
import { selectNodeMap } from '../../viz/node-map'
import type { OverviewLayout, RackLayout, Rect } from '../../viz/rack-layout'
import {
  busiest,
  cellsToRedraw,
  drawMessages,
  drawOverview,
  drawRack,
  type DrawnCells,
} from './draw-scale'
import { readPalette, type ScalePalette } from './scale-colors'

export type CanvasLayout =
  ({ kind: 'all' } & OverviewLayout) | ({ kind: 'rack'; first: number } & RackLayout)

/** Sizes a canvas for the layout at the screen's pixel ratio; its context, drawing in CSS px. */
function prepare(canvas: HTMLCanvasElement, layout: CanvasLayout, ratio: number) {
  canvas.width = Math.ceil(layout.width * ratio)
  canvas.height = Math.ceil(layout.height * ratio)
  const ctx = canvas.getContext('2d')
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0)
  return ctx
}

/** The cell of a node by name, in this layout (undefined: not on screen). */
function cellLookup(map: ScaleMap, layout: CanvasLayout): (node: string) => Rect | undefined {
  const index = new Map(map.names.map((n, i) => [n, i]))
  if (layout.kind === 'all')
    return (node) => {
      const i = index.get(node)
      return i === undefined ? undefined : layout.cellOf(i)
    }
  return (node) => layout.cells[(index.get(node) ?? -1) - layout.first]
}

/**
 * Paints scale mode's canvas in requestAnimationFrame from the store read transiently (never a
 * React render per frame), on two layers: the cells, of which a frame redraws only the nodes
 * whose figures moved (a whole redraw of 5,000 cells is ~15,000 canvas calls, and a software
 * canvas rasterises them on the main thread), and above them the messages in flight, redrawn
 * when they or the virtual time moved. Nothing is drawn when neither changed.
 */
export function useScalePainting(
  store: AppStore,
  layout: CanvasLayout,
  cellsRef: RefObject<HTMLCanvasElement | null>,
  messagesRef: RefObject<HTMLCanvasElement | null>,
): void {
  useEffect(() => {
    const cellsCanvas = cellsRef.current
    const messagesCanvas = messagesRef.current
    if (!cellsCanvas || !messagesCanvas) return
    const ratio = window.devicePixelRatio || 1
    const cells = prepare(cellsCanvas, layout, ratio)
    const messages = prepare(messagesCanvas, layout, ratio)
    if (!cells || !messages) return
    let drawn: DrawnCells | undefined
    let prefs: AppState['prefs'] | undefined
    let palette: ScalePalette | undefined
    let shown: { inFlight: unknown; simTimeMs: number; paused: boolean } | undefined
    let cellOf: ((node: string) => Rect | undefined) | undefined
    let handle = 0
    const draw = () => {
      handle = requestAnimationFrame(draw)
      const state = store.getState()
      // The theme is read from CSS once per change of preferences, not per frame.
      if (state.prefs !== prefs || !palette) {
        prefs = state.prefs
        palette = readPalette(cellsCanvas)
      }
      const map = selectNodeMap(state)
      const now: DrawnCells = { map, full: busiest(map), palette }
      const redraw = cellsToRedraw(drawn, now)
      if (redraw === 'all' || redraw.length > 0) {
        if (layout.kind === 'all') drawOverview(cells, layout, map, palette, redraw)
        else if (
          redraw === 'all' ||
          redraw.some((i) => i >= layout.first && i < layout.first + layout.cells.length)
        )
          drawRack(cells, layout, map, palette)
      }
      if (drawn?.map.names !== map.names) cellOf = cellLookup(map, layout)
      drawn = now
      const paused = state.prefs.animationsPaused
      if (
        shown?.inFlight === state.inFlight &&
        shown.simTimeMs === state.simTimeMs &&
        shown.paused === paused
      )
        return
      shown = { inFlight: state.inFlight, simTimeMs: state.simTimeMs, paused }
      messages.clearRect(0, 0, layout.width, layout.height)
      if (!paused && cellOf)
        drawMessages(messages, state.inFlight, cellOf, state.simTimeMs, layout.width, palette)
    }
    handle = requestAnimationFrame(draw)
    return () => {
      cancelAnimationFrame(handle)
    }
  }, [layout, store, cellsRef, messagesRef])
}
