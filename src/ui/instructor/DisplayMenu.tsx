import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import { setPrefs } from '../app/prefs'

/**
 * A <details> menu that closes on Escape or a click elsewhere, as a menu should, and once an
 * option is chosen with the pointer (as a checkbox menu item activated by a click closes its
 * menu, in WAI-ARIA's menu pattern): left open over the dock, it hid the tabs the instructor
 * went on to click. Space toggles an option and keeps the menu open, to set several by keyboard.
 */
function useDismissable<T extends HTMLDetailsElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    let byPointer = false
    const close = (event: Event) => {
      const details = ref.current
      if (!details?.open) return
      if (event instanceof KeyboardEvent) {
        byPointer = false
        if (event.key !== 'Escape') return
        details.open = false
        details.querySelector('summary')?.focus()
        return
      }
      if (details.contains(event.target as Node)) byPointer = true
      else details.open = false
    }
    const chosen = () => {
      const details = ref.current
      if (!details?.open || !byPointer) return
      details.open = false
      details.querySelector('summary')?.focus()
    }
    const details = ref.current
    document.addEventListener('pointerdown', close)
    document.addEventListener('keydown', close)
    details?.addEventListener('change', chosen)
    return () => {
      document.removeEventListener('pointerdown', close)
      document.removeEventListener('keydown', close)
      details?.removeEventListener('change', chosen)
    }
  }, [])
  return ref
}

/** The Display menu: theme, large type, animations, what the projector shows. */
export function DisplayMenu() {
  const { store } = useServices()
  const menu = useDismissable<HTMLDetailsElement>()
  const { prefs, presenterDetail } = useAppState(
    useShallow((s) => ({ prefs: s.prefs, presenterDetail: s.presenterDetail })),
  )
  return (
    <details className="display-menu" ref={menu}>
      <summary data-testid="display-menu">Display</summary>
      <div className="display-options" role="group" aria-label="Display">
        <label>
          <input
            type="checkbox"
            checked={prefs.theme === 'dark'}
            onChange={(e) => setPrefs(store, { theme: e.target.checked ? 'dark' : 'light' })}
            data-testid="dark-theme"
          />
          Dark theme <kbd>t</kbd>
        </label>
        <label>
          <input
            type="checkbox"
            checked={prefs.largeType}
            onChange={(e) => setPrefs(store, { largeType: e.target.checked })}
            data-testid="large-type"
          />
          Large type <kbd>g</kbd>
        </label>
        <label>
          <input
            type="checkbox"
            checked={prefs.animationsPaused}
            onChange={(e) => setPrefs(store, { animationsPaused: e.target.checked })}
            data-testid="pause-animations"
          />
          Stop animations <kbd>a</kbd>
        </label>
        <label>
          <input
            type="checkbox"
            checked={presenterDetail}
            onChange={(e) => store.setState({ presenterDetail: e.target.checked })}
            data-testid="presenter-detail"
          />
          Show my editor and kubectl on the projector
        </label>
      </div>
    </details>
  )
}
