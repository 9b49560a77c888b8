import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../store/store'
import { bindPrefs, loadPrefs, setPrefs } from './prefs'

const storage = (text: string | null) => ({ getItem: () => text })
const noMedia = () => false

describe('preferences', () => {
  it('follows the system’s dark scheme until the viewer chooses', () => {
    expect(loadPrefs(storage(null), (q) => q.includes('dark')).theme).toBe('dark')
    expect(loadPrefs(storage('{"theme":"light"}'), (q) => q.includes('dark')).theme).toBe('light')
  })

  it('survives a damaged or foreign saved value', () => {
    expect(loadPrefs(storage('{not json'), noMedia)).toEqual({
      theme: 'light',
      largeType: false,
      animationsPaused: false,
      characterKeys: true,
    })
    expect(loadPrefs(storage('{"theme":"neon","largeType":"yes"}'), noMedia)).toMatchObject({
      theme: 'light',
      largeType: false,
    })
  })

  it('puts the theme on the page and saves a change', () => {
    const store = createAppStore()
    const root = { dataset: {} as Record<string, string>, style: { colorScheme: '' } }
    const saved: string[] = []
    bindPrefs(store, root as unknown as HTMLElement, { setItem: (_k, v) => saved.push(v) }, true)
    setPrefs(store, { theme: 'dark', largeType: true })
    expect(root.dataset).toMatchObject({ theme: 'dark', largeType: 'true', animations: 'running' })
    expect(JSON.parse(saved.at(-1) ?? '{}')).toMatchObject({ theme: 'dark', largeType: true })
  })
})
