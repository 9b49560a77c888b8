import { useEffect, useRef, type ReactNode } from 'react'
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

/** One checkbox of the menu, its label the children. */
function DisplayOption(props: {
  checked: boolean
  onChange: (checked: boolean) => void
  testId: string
  children: ReactNode
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      {props.children}
    </label>
  )
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
        <DisplayOption
          checked={prefs.theme === 'dark'}
          onChange={(on) => setPrefs(store, { theme: on ? 'dark' : 'light' })}
          testId="dark-theme"
        >
          Dark theme <kbd>t</kbd>
        </DisplayOption>
        <DisplayOption
          checked={prefs.largeType}
          onChange={(on) => setPrefs(store, { largeType: on })}
          testId="large-type"
        >
          Large type <kbd>g</kbd>
        </DisplayOption>
        <DisplayOption
          checked={prefs.animationsPaused}
          onChange={(on) => setPrefs(store, { animationsPaused: on })}
          testId="pause-animations"
        >
          Stop animations <kbd>a</kbd>
        </DisplayOption>
        <DisplayOption
          checked={presenterDetail}
          onChange={(on) => store.setState({ presenterDetail: on })}
          testId="presenter-detail"
        >
          Show my editor and kubectl on the projector
        </DisplayOption>
      </div>
    </details>
  )
}
