import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { AppState } from '../../store/store'
import type { AppServices } from './boot'

export const AppContext = createContext<AppServices | null>(null)

export function useServices(): AppServices {
  const services = useContext(AppContext)
  if (!services) throw new Error('AppContext is missing: render inside <AppContext.Provider>')
  return services
}

/** Subscribes a component to one slice of the store; re-renders only when it changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector)
}
