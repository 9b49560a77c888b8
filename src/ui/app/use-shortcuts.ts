import { useEffect } from 'react'
import type { AppServices } from './boot'
import { setPrefs } from './prefs'
import { nextSpeed, shortcutFor, type ShortcutId } from './shortcuts'

/** What each shortcut does; the page supplies what only it knows (dialogs, lesson steps). */
export interface ShortcutHandlers {
  openFailurePanel: () => void
  openHelp: () => void
  nextLessonStep: () => void
}

const SEEK_STEP_MS = 1_000

export function runShortcut(id: ShortcutId, services: AppServices, page: ShortcutHandlers): void {
  const { playback, store } = services
  const state = store.getState()
  const seekBy = (ms: number) => {
    playback.send({ type: 'SCRUB_START' })
    playback.send({
      type: 'SCRUB_TO',
      timeMs: Math.min(
        Math.max(state.horizonMs, state.simTimeMs),
        Math.max(0, state.simTimeMs + ms),
      ),
    })
    playback.send({ type: 'SCRUB_END' })
  }
  switch (id) {
    case 'togglePlay':
      playback.send({ type: 'TOGGLE' })
      return
    case 'step':
      playback.send({ type: 'STEP' })
      return
    case 'seekBack':
      return seekBy(-SEEK_STEP_MS)
    case 'seekForward':
      return seekBy(SEEK_STEP_MS)
    case 'faster':
      playback.send({ type: 'SET_SPEED', speed: nextSpeed(state.speed, 1) })
      return
    case 'slower':
      playback.send({ type: 'SET_SPEED', speed: nextSpeed(state.speed, -1) })
      return
    case 'failurePanel':
      return page.openFailurePanel()
    case 'healAll':
      return services.healAll()
    case 'nextStep':
      return page.nextLessonStep()
    case 'pauseAnimations':
      return setPrefs(store, { animationsPaused: !state.prefs.animationsPaused })
    case 'theme':
      return setPrefs(store, { theme: state.prefs.theme === 'dark' ? 'light' : 'dark' })
    case 'largeType':
      return setPrefs(store, { largeType: !state.prefs.largeType })
    case 'help':
      return page.openHelp()
  }
}

/** The page-wide key handler: one listener, matched against the shortcut table. */
export function useShortcuts(services: AppServices, page: ShortcutHandlers, enabled = true): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const id = shortcutFor(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          target: event.target as HTMLElement | null,
        },
        { characterKeys: services.store.getState().prefs.characterKeys },
      )
      if (!id) return
      event.preventDefault()
      runShortcut(id, services, page)
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
    }
  }, [services, page, enabled])
}
