import { useSyncExternalStore } from 'react'

/** The one-screen landscape layout (see app.css): the map then has a fixed height to fit. */
export const LANDSCAPE_QUERY = '(min-width: 1024px) and (min-height: 600px)'

/** Whether a CSS media query matches now; re-renders when that changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => {
        list.removeEventListener('change', onChange)
      }
    },
    () => window.matchMedia(query).matches,
  )
}
