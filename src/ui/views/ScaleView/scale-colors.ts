import { NODE_CONDITION, type NodeCondition } from '../../../protocol/scale'

/** The canvas's colours, read from the theme's CSS variables (scale-view.css) at draw time. */
export interface ScalePalette {
  ready: string
  notReady: string
  unknown: string
  empty: string
  ink: string
  muted: string
  message: string
}

export function readPalette(element: Element): ScalePalette {
  const style = getComputedStyle(element)
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    ready: v('--scale-ready', '#1d6fb8'),
    notReady: v('--scale-not-ready', '#c62828'),
    unknown: v('--scale-unknown', '#6b7280'),
    empty: v('--scale-empty', '#e2e8f0'),
    ink: v('--ink', '#0f172a'),
    muted: v('--muted', '#475569'),
    message: v('--scale-message', '#b45309'),
  }
}

export function conditionColor(palette: ScalePalette, condition: NodeCondition | undefined) {
  if (condition === NODE_CONDITION.Ready) return palette.ready
  if (condition === NODE_CONDITION.NotReady) return palette.notReady
  return palette.unknown
}

export const CONDITION_NAMES = ['Ready', 'NotReady', 'Unknown'] as const
