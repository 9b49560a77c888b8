import type { Actor } from 'xstate'
import type { lessonMachine } from '../../machines/lesson.machine'
import type { AppStore } from '../../store/store'
import type { ProgressKeeper } from './progress-keeper'
import { startLesson } from './course'
import { parseRoute, routeSearch, type Route } from './route'

function routeOf(course: Actor<typeof lessonMachine>): Route {
  const snapshot = course.getSnapshot()
  const lesson = snapshot.context.lesson
  if (snapshot.matches('lesson') && lesson)
    return { mode: 'lesson', lessonId: lesson.id, step: snapshot.context.step }
  return snapshot.matches('freePlay') ? { mode: 'free' } : { mode: 'catalog' }
}

/**
 * Opens what a route names (a lesson once the catalog is in), telling the student what failed:
 * the app then shows the catalog, an embed (which has none) its cluster in free play.
 */
export function followRoute(
  route: Route,
  course: Actor<typeof lessonMachine>,
  store: AppStore,
  keeper: ProgressKeeper,
  embedded = false,
): void {
  if (route.mode === 'free') {
    course.send({ type: 'FREE_PLAY' })
    return
  }
  if (route.mode === 'catalog') {
    if (course.getSnapshot().matches('lesson')) course.send({ type: 'EXIT' })
    else course.send({ type: 'OPEN_CATALOG' })
    return
  }
  const catalog = store.getState().catalog
  if (!catalog) return
  const entry = catalog.entries.find((e) => (e.ok ? e.lesson.id : e.id) === route.lessonId)
  const snapshot = course.getSnapshot()
  if (entry?.ok && snapshot.matches('lesson') && snapshot.context.lesson?.id === route.lessonId) {
    // The lesson is open (Back or Forward between its steps): move within it, not reopen it.
    const step = Math.min(route.step, entry.lesson.steps.length - 1)
    course.send({ type: 'GO_TO_STEP', step })
    return
  }
  if (entry?.ok) {
    const steps = entry.lesson.steps.length
    if (route.step >= steps)
      store.setState((s) => ({
        notices: [
          ...s.notices,
          `Ignored step=${route.step + 1}: "${route.lessonId}" has ${steps} steps; opening step ${steps}.`,
        ],
      }))
    return startLesson(course, keeper, entry.lesson, route.step)
  }
  const where = embedded ? 'the cluster is open without it' : undefined
  store.setState((s) => ({
    notices: [
      ...s.notices,
      entry
        ? `The lesson "${route.lessonId}" has errors, ${where ?? 'listed in the catalog'}.`
        : `There is no lesson "${route.lessonId}"; ${where ?? 'here is the catalog'}.`,
    ],
  }))
  if (embedded) course.send({ type: 'FREE_PLAY' })
}

/**
 * Keeps the address bar in step with the course: `?lesson=<id>&step=<n>` in a lesson (so a
 * reload comes back to it), `?play` in free play, nothing in the catalog. Back and forward move
 * between the screens. An embed keeps its own parameters and only ever replaces its address:
 * an iframe's history entries would be the host page's, and its Back button would step the
 * embed instead of leaving the page.
 */
export function syncUrl(
  course: Actor<typeof lessonMachine>,
  store: AppStore,
  keeper: ProgressKeeper,
  embedded = false,
): void {
  let shown = parseRoute(location.search).route
  course.subscribe(() => {
    const route = routeOf(course)
    if (JSON.stringify(route) === JSON.stringify(shown)) return
    const search = routeSearch(route, location.search)
    const sameScreen =
      route.mode === shown.mode &&
      (route.mode !== 'lesson' || shown.mode !== 'lesson' || route.lessonId === shown.lessonId)
    const url = `${location.pathname}${search}`
    if (sameScreen || embedded) history.replaceState(null, '', url)
    else history.pushState(null, '', url)
    shown = route
  })
  addEventListener('popstate', () => {
    shown = parseRoute(location.search).route
    followRoute(shown, course, store, keeper, embedded)
  })
}
