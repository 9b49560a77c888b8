import { useEffect, useState } from 'react'
import { useServices } from '../app/app-context'
import { useFrameClock } from '../app/use-frame-clock'
import { flowViewAt, flowViewKey, type FlowView } from '../viz/flow-view'

export interface TimedFlowView extends FlowView {
  /** The virtual time the view is for (the map's display clock at that moment). */
  atMs: number
}

/**
 * The step list's view, re-read every animation frame at the map's display time, so the two
 * never disagree; React renders only when the view changes.
 */
export function useFlowView(): TimedFlowView {
  const { store } = useServices()
  const clock = useFrameClock()
  const [view, setView] = useState<TimedFlowView>(() => ({
    ...flowViewAt(store.getState().flow, store.getState().simTimeMs),
    atMs: store.getState().simTimeMs,
  }))
  useEffect(() => {
    let raf = 0
    let key = ''
    const tick = () => {
      const t = clock.now()
      const next = flowViewAt(store.getState().flow, t)
      const nextKey = `${String(store.getState().flow?.id)}|${flowViewKey(next)}`
      if (nextKey !== key) {
        key = nextKey
        setView({ ...next, atMs: t })
      }
      raf = requestAnimationFrame(tick)
    }
    raf = requestAnimationFrame(tick)
    return () => {
      cancelAnimationFrame(raf)
    }
  }, [store, clock])
  return view
}
