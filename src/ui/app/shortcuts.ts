import { SPEEDS } from '../viz/speeds'

/**
 * The keyboard shortcuts, as data: the help dialog lists this table and the key handler matches
 * against it, so the two cannot disagree. YouTube's keys where a viewer already knows them
 * (k play/pause, j/l back/forward), the playback slider's own arrows and Home/End/PageUp/PageDown
 * when it has focus.
 *
 * WCAG 2.1.4 (Character Key Shortcuts): every single-character shortcut can be turned off in the
 * help dialog, so a speech-input user's words do not fire commands; Escape and the modifier-free
 * keys of a focused widget are not "character keys" and stay.
 */
export const SHORTCUTS = [
  { id: 'togglePlay', keys: ['k', ' '], label: 'Play or pause' },
  { id: 'step', keys: ['.'], label: 'Step to the next thing that happens (pauses)' },
  { id: 'seekBack', keys: ['j'], label: 'Seek back 1 second' },
  { id: 'seekForward', keys: ['l'], label: 'Seek forward 1 second' },
  { id: 'slower', keys: ['-', ','], label: 'Slower' },
  { id: 'faster', keys: ['+', '='], label: 'Faster' },
  { id: 'failurePanel', keys: ['f'], label: 'Open the failure panel' },
  { id: 'healAll', keys: ['H'], label: 'Heal every fault (Shift+H)' },
  { id: 'nextStep', keys: ['n'], label: 'Next lesson step' },
  { id: 'pauseAnimations', keys: ['a'], label: 'Stop or resume every animation' },
  { id: 'theme', keys: ['t'], label: 'Switch light / dark theme' },
  { id: 'largeType', keys: ['g'], label: 'Large type on or off' },
  { id: 'help', keys: ['?'], label: 'Show this list of shortcuts' },
] as const

export type ShortcutId = (typeof SHORTCUTS)[number]['id']

/** Keys of the focused playback slider (native range input): listed in the help, not remapped. */
export const SLIDER_KEYS = [
  { keys: ['←', '→'], label: 'On the timeline: back / forward a little' },
  { keys: ['PageUp', 'PageDown'], label: 'On the timeline: back / forward a lot' },
  { keys: ['Home', 'End'], label: 'On the timeline: the start / the latest moment' },
]

/** The parts of a KeyboardEvent the matcher reads (a test passes plain objects). */
export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  target: {
    tagName?: string
    isContentEditable?: boolean
    type?: string
    closest?: (selector: string) => unknown
  } | null
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT'])
// Space and the arrow keys belong to whatever control has focus (a button, a tab list, a slider).
const CONTROL_TAGS = new Set(['BUTTON', 'A', 'SUMMARY'])

/** Whether the key press goes to a text field, where a letter is a letter, not a command. */
function isTyping(target: KeyLike['target']): boolean {
  if (!target) return false
  if (target.isContentEditable === true) return true
  if (target.tagName === 'INPUT') return target.type !== 'range' && target.type !== 'checkbox'
  return TYPING_TAGS.has(target.tagName ?? '') || (target.closest?.('.cm-editor') ?? null) !== null
}

/** The shortcut a key press means, or undefined (typing, a modifier held, or shortcuts off). */
export function shortcutFor(
  event: KeyLike,
  options: { characterKeys: boolean },
): ShortcutId | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined
  if (isTyping(event.target)) return undefined
  if (!options.characterKeys) return undefined
  if (event.key === ' ' && CONTROL_TAGS.has(event.target?.tagName ?? '')) return undefined
  if (event.key === ' ' && event.target?.type === 'range') return undefined
  return SHORTCUTS.find((s) => (s.keys as readonly string[]).includes(event.key))?.id
}

/** The next speed up or down the offered list (the same steps as the speed picker). */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  const index = SPEEDS.findIndex((s) => s >= speed - 1e-9)
  const at = index === -1 ? SPEEDS.length - 1 : index
  const exact = SPEEDS[at] === speed
  const next = direction === 1 ? (exact ? at + 1 : at) : at - 1
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, next))] as number
}

/** Human names for keys in the help dialog. */
export function keyLabel(key: string): string {
  return key === ' ' ? 'Space' : key
}
