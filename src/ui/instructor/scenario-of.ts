import type { Scenario } from '../../protocol/scenario/scenario'
import { encodeScenarioQuery } from '../../protocol/scenario/url-codec'
import type { RecordedAction } from '../../sim/index'
import type { AppState } from '../../store/store'

/**
 * The action log as the simulation records it: the store's entries may carry more for the page
 * (a summary line), which a link, a file or the presenter's strict schema must not.
 */
export function recordedLog(actions: readonly RecordedAction[]): RecordedAction[] {
  return actions.map(({ atMs, action, scheduledAtMs }) =>
    scheduledAtMs === undefined ? { atMs, action } : { atMs, action, scheduledAtMs },
  )
}

/** The run as a scenario: the cluster it was built from, its action log, now, the panel in front. */
export function scenarioOf(state: AppState): Scenario {
  return {
    ...(state.lessonRun ?? state.run),
    actions: recordedLog(state.actions),
    timeMs: Math.floor(state.simTimeMs),
    panel: state.dockTab,
  }
}

/** The link that reproduces the run: this page's address with the scenario's query. */
export function scenarioLink(
  state: AppState,
  pageUrl: string,
  extra?: Record<string, string>,
): string {
  const url = new URL(pageUrl)
  url.hash = ''
  url.search = encodeScenarioQuery(scenarioOf(state))
  for (const [key, value] of Object.entries(extra ?? {})) url.searchParams.set(key, value)
  return url.href
}
