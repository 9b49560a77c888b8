import type {
  Catalog,
  CatalogEntry,
  CatalogLesson,
  CatalogStep,
  SessionResume,
  SessionSnapshot,
} from '../lesson/index'

export type { Catalog, CatalogEntry, CatalogLesson, CatalogStep, SessionResume }

/**
 * The lesson session as the worker streams it: the step, its goals (ticking live), what the
 * prediction's trace showed, "show me" progress, and why the simulation was paused, if the
 * lesson paused it (before a prediction, or the instant a step's goals were reached).
 */
export interface LessonStatus extends SessionSnapshot {
  pausedBy?: 'prediction' | 'goals' | undefined
}

/** What the page asks of a lesson, beyond opening it. */
export type LessonCommand =
  { type: 'goto'; step: number } | { type: 'showMe' } | { type: 'resetStep' } | { type: 'close' }
