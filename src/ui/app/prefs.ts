import { DEFAULT_PREFS, type AppStore, type Prefs } from '../../store/store'

const KEY = 'kube-viz:prefs'

/** Saved preferences, then the system's (dark scheme, reduced motion), then the defaults. */
export function loadPrefs(
  storage: Pick<Storage, 'getItem'> | undefined,
  media: (q: string) => boolean,
): Prefs {
  const system: Prefs = {
    ...DEFAULT_PREFS,
    theme: media('(prefers-color-scheme: dark)') ? 'dark' : 'light',
  }
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<Prefs> | null
    if (!saved || typeof saved !== 'object') return system
    return {
      theme: saved.theme === 'dark' || saved.theme === 'light' ? saved.theme : system.theme,
      largeType: saved.largeType === true,
      animationsPaused: saved.animationsPaused === true,
      characterKeys: saved.characterKeys !== false,
    }
  } catch {
    return system
  }
}

/** Keeps the page's theme attributes and localStorage in step with the store's preferences. */
export function bindPrefs(
  store: AppStore,
  root: HTMLElement,
  storage: Pick<Storage, 'setItem'> | undefined,
  persist: boolean,
): () => void {
  const apply = (prefs: Prefs) => {
    root.dataset['theme'] = prefs.theme
    root.dataset['largeType'] = String(prefs.largeType)
    root.dataset['animations'] = prefs.animationsPaused ? 'paused' : 'running'
    root.style.colorScheme = prefs.theme
  }
  apply(store.getState().prefs)
  return store.subscribe((state, previous) => {
    if (state.prefs === previous.prefs) return
    apply(state.prefs)
    if (persist) {
      try {
        storage?.setItem(KEY, JSON.stringify(state.prefs))
      } catch {
        // private mode or full storage: the preference holds for this visit only
      }
    }
  })
}

export function setPrefs(store: AppStore, change: Partial<Prefs>): void {
  store.setState((s) => ({ prefs: { ...s.prefs, ...change } }))
}
