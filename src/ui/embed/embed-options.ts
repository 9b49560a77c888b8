import { parseTrustedOrigins } from '../../protocol/embed-api'
import {
  EMBED_CONTROLS,
  EMBED_THEMES,
  EMBED_VIEWS,
  type EmbedControls,
  type EmbedTheme,
  type EmbedView,
} from '../../protocol/embed-constants'

/**
 * The embed's parameters: `?embed=1&view=raft&controls=minimal&theme=dark&autoplay=1
 * &lesson=split-brain&step=2&origin=https://course.example.edu`. A bad value falls back to the
 * default with a warning (the course page still shows something sensible), as deep links do.
 */
export interface EmbedOptions {
  view: EmbedView
  controls: EmbedControls
  theme: EmbedTheme | undefined
  autoplay: boolean
  lesson?: string | undefined
  step?: number | undefined
  /** Origins whose postMessage commands are obeyed. */
  trusted: string[]
  warnings: string[]
}

/** The parameters that make a page an embed and shape it (kept when a lesson moves on). */
export const EMBED_PARAMS: readonly string[] = [
  'embed',
  'view',
  'controls',
  'theme',
  'autoplay',
  'origin',
]

/** Undefined when the page is not an embed. */
export function parseEmbedOptions(search: string): EmbedOptions | undefined {
  const params = new URLSearchParams(search)
  if (params.get('embed') !== '1') return undefined
  const warnings: string[] = []
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = params.get(name)
    if (raw === null) return fallback
    if ((allowed as readonly string[]).includes(raw)) return raw as T
    warnings.push(`Ignored ${name}=${raw}: expected ${allowed.join(', ')}; using ${fallback}.`)
    return fallback
  }
  const theme = params.has('theme') ? pick('theme', EMBED_THEMES, 'light') : undefined
  const lesson = params.get('lesson') ?? undefined
  const rawStep = params.get('step')
  const step = rawStep === null ? undefined : Number(rawStep)
  if (step !== undefined && !(Number.isInteger(step) && step >= 1))
    warnings.push(`Ignored step=${rawStep ?? ''}: expected a step number from 1.`)
  if (lesson !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(lesson))
    warnings.push(`Ignored lesson=${lesson}: not a lesson id.`)
  return {
    view: pick('view', EMBED_VIEWS, 'map'),
    controls: pick('controls', EMBED_CONTROLS, 'minimal'),
    theme,
    autoplay: ['1', 'true', ''].includes(params.get('autoplay') ?? 'no'),
    lesson: lesson !== undefined && /^[a-z0-9][a-z0-9-]{0,63}$/.test(lesson) ? lesson : undefined,
    step: step !== undefined && Number.isInteger(step) && step >= 1 ? step : undefined,
    trusted: parseTrustedOrigins(params.getAll('origin')),
    warnings,
  }
}
