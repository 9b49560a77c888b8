import { useEffect, useState } from 'react'
import type { AppStore } from '../../../store/store'
import { useServices } from '../../app/app-context'
import { displayTime } from '../../viz/display-clock'

/**
 * The display clock: remembers when the latest frame arrived (wall time) and extrapolates from
 * it (see displayTime). Every animated part reads the same store this way, so they agree.
 */
export class FrameClock {
  private seq = -1
  private wall = 0
  private readonly store: AppStore

  constructor(store: AppStore) {
    this.store = store
  }

  /** Notes a frame's arrival; call on every store change. */
  observe(frameSeq: number): void {
    if (frameSeq === this.seq) return
    this.seq = frameSeq
    this.wall = performance.now()
  }

  /** The virtual time to draw now. */
  now(): number {
    const state = this.store.getState()
    this.observe(state.frameSeq)
    return displayTime(state, performance.now() - this.wall)
  }
}

/** A FrameClock kept in step with the store for the component's lifetime. */
export function useFrameClock(): FrameClock {
  const { store } = useServices()
  const [clock] = useState(() => new FrameClock(store))
  useEffect(
    () =>
      store.subscribe((state) => {
        clock.observe(state.frameSeq)
      }),
    [store, clock],
  )
  return clock
}
