import { useState } from 'react'
import type { AppStore } from '../../store/store'
import { useServices } from './app-context'
import { displayTime } from '../viz/display-clock'

/** The display clock every animated part reads (see displayTime), so they all agree. */
export class FrameClock {
  private readonly store: AppStore

  constructor(store: AppStore) {
    this.store = store
  }

  /** The virtual time to draw now. */
  now(): number {
    return displayTime(this.store.getState())
  }
}

/** The display clock, for a component's lifetime. */
export function useFrameClock(): FrameClock {
  const { store } = useServices()
  const [clock] = useState(() => new FrameClock(store))
  return clock
}
