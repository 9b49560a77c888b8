import { useAppState } from './app-context'
import { useMediaQuery } from './use-media-query'
import { motionFor, type Motion } from '../viz/motion'

/** Glide or hop, from the system's reduced-motion setting and the page's stop switch. */
export function useMotion(): Motion {
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)')
  const paused = useAppState((s) => s.prefs.animationsPaused)
  return motionFor(paused, reduced)
}
