import { describe, expect, it } from 'vitest'
import { keyLabel, nextSpeed, SHORTCUTS, shortcutFor, type KeyLike } from './shortcuts'

const on = { characterKeys: true }
const press = (key: string, target: KeyLike['target'] = { tagName: 'BODY' }, mods = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
})

describe('shortcut map', () => {
  it.each([
    ['k', 'togglePlay'],
    [' ', 'togglePlay'],
    ['.', 'step'],
    ['j', 'seekBack'],
    ['l', 'seekForward'],
    ['+', 'faster'],
    ['=', 'faster'],
    ['-', 'slower'],
    ['f', 'failurePanel'],
    ['H', 'healAll'],
    ['n', 'nextStep'],
    ['?', 'help'],
    ['t', 'theme'],
    ['g', 'largeType'],
    ['a', 'pauseAnimations'],
  ])('%j means %s', (key, id) => {
    expect(shortcutFor(press(key), on)).toBe(id)
  })

  it('gives every key one meaning (no key bound twice)', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('leaves unbound keys, and lowercase h (heal all needs Shift), alone', () => {
    for (const key of ['x', 'h', 'Enter', 'Escape', 'ArrowLeft', 'Tab'])
      expect(shortcutFor(press(key), on)).toBeUndefined()
  })

  it('never fires while typing: inputs, text areas, selects, the YAML editor', () => {
    const targets: KeyLike['target'][] = [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
      { tagName: 'SPAN', closest: (s) => (s === '.cm-editor' ? {} : null) },
    ]
    for (const target of targets) expect(shortcutFor(press('k', target), on)).toBeUndefined()
  })

  it('lets Space press a focused button or slider, and still works from a checkbox', () => {
    expect(shortcutFor(press(' ', { tagName: 'BUTTON' }), on)).toBeUndefined()
    expect(shortcutFor(press(' ', { tagName: 'INPUT', type: 'range' }), on)).toBeUndefined()
    expect(shortcutFor(press('k', { tagName: 'INPUT', type: 'range' }), on)).toBe('togglePlay')
  })

  it('ignores browser shortcuts (Ctrl, Cmd, Alt held)', () => {
    for (const mods of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }])
      expect(shortcutFor(press('f', { tagName: 'BODY' }, mods), on)).toBeUndefined()
  })

  it('turns every character key off when the user says so (WCAG 2.1.4)', () => {
    for (const s of SHORTCUTS)
      for (const key of s.keys)
        expect(shortcutFor(press(key), { characterKeys: false })).toBeUndefined()
  })

  it('steps speed through the picker’s values and stops at the ends', () => {
    expect(nextSpeed(1, 1)).toBe(2)
    expect(nextSpeed(1, -1)).toBe(0.5)
    expect(nextSpeed(64, 1)).toBe(64)
    expect(nextSpeed(0.05, -1)).toBe(0.05)
    expect(nextSpeed(3, 1)).toBe(4)
    expect(nextSpeed(3, -1)).toBe(2)
  })

  it('names Space in the help', () => {
    expect(keyLabel(' ')).toBe('Space')
  })
})
