import { ACTIONS_PARAM } from '../../protocol/scenario/url-codec'
import { EMBED_PARAMS } from '../embed/embed-options'

/** Which screen the URL asks for: the course catalog, free play, or a lesson at a step. */
export type Route =
  | { mode: 'catalog' }
  | { mode: 'free' }
  | { mode: 'lesson'; lessonId: string; /** 0-based */ step: number }

// `attach` (a served simulation, with its `token`) is free play on that simulation.
const FREE_PLAY_PARAMS = ['play', 'seed', 'nodes', 'etcd', 'prevote', 'checkquorum', 'attach']

/**
 * `?lesson=etcd&step=3` opens step 3 (counted from 1, as the pane shows it) of a lesson; `?play`
 * or any cluster setting (`?seed=7&nodes=5`) opens free play; nothing opens the catalog. A shared
 * run (`?actions=…`, which may name its lesson) and an embed (`?embed=1`) without a lesson open
 * free play: the run, or the host page's cluster, is what was asked for, not the catalog.
 */
export function parseRoute(search: string): { route: Route; warnings: string[] } {
  const params = new URLSearchParams(search)
  if (params.has(ACTIONS_PARAM)) return { route: { mode: 'free' }, warnings: [] }
  const lessonId = params.get('lesson')
  if (lessonId !== null) {
    const raw = params.get('step')
    const step = raw === null ? 1 : Number(raw)
    const ok = Number.isInteger(step) && step >= 1
    return {
      route: { mode: 'lesson', lessonId, step: ok ? step - 1 : 0 },
      warnings: ok
        ? []
        : [`Ignored step=${raw ?? ''}: expected a step number from 1; opening step 1.`],
    }
  }
  if (params.get('embed') === '1' || FREE_PLAY_PARAMS.some((p) => params.has(p)))
    return { route: { mode: 'free' }, warnings: [] }
  return { route: { mode: 'catalog' }, warnings: [] }
}

/** An embed's own parameters (`embed=1`, its view, controls, trusted origins…), kept as they are. */
function embedParams(current: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams()
  if (current.get('embed') !== '1') return kept
  for (const [name, value] of current) if (EMBED_PARAMS.includes(name)) kept.append(name, value)
  return kept
}

/**
 * The address for a route, keeping free play's cluster settings when there are any, and an
 * embed's parameters always: an embed reloaded at a step is still the same embed.
 */
export function routeSearch(route: Route, current: string): string {
  const params = new URLSearchParams(current)
  const embed = embedParams(params)
  if (route.mode === 'catalog') return embed.size > 0 ? `?${embed.toString()}` : ''
  if (route.mode === 'lesson') {
    const lesson = `lesson=${encodeURIComponent(route.lessonId)}&step=${route.step + 1}`
    return embed.size > 0 ? `?${embed.toString()}&${lesson}` : `?${lesson}`
  }
  params.delete('lesson')
  params.delete('step')
  const kept = FREE_PLAY_PARAMS.some((p) => params.has(p) && p !== 'play')
  if (!kept) return embed.size > 0 ? `?${embed.toString()}` : '?play'
  params.delete('play')
  return `?${params.toString()}`
}
