import type { AuthFrame } from '../protocol/records'
import type { AppState } from './store'

/** Decisions the Access tab keeps, newest last. */
export const KEPT_AUTH_DECISIONS = 30

/** Merges a frame's auth part: decisions appended (or replaced), the rest replaced when sent. Pure. */
export function reduceAuth(
  state: Pick<AppState, 'authDecisions'>,
  frame: AuthFrame | undefined,
): Partial<AppState> {
  if (!frame) return {}
  const next: Partial<AppState> = {
    authDecisions: [...(frame.replace ? [] : state.authDecisions), ...frame.decisions].slice(
      -KEPT_AUTH_DECISIONS,
    ),
  }
  if (frame.kubeconfig) next.kubeconfig = frame.kubeconfig
  if (frame.apiServer) next.apiServer = frame.apiServer
  if (frame.inspector) next.inspector = frame.inspector
  return next
}
