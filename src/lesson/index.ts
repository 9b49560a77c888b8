/**
 * The lesson layer's public API: load and validate lesson files, run a lesson over a
 * simulation (live in the worker, headless in tests), and report. Pure and deterministic.
 */
export { loadLesson, lessonIdOf } from './format/load'
export type { Lesson, LessonLoad } from './format/load'
export { parseCourse } from './format/course'
export type { CourseSection } from './format/course'
export { LEVELS, PANELS, SPEEDS, LESSON_SCHEMA_VERSION } from './format/schema'
export type {
  LessonData,
  StepData,
  GoalData,
  PredictionData,
  QuizData,
  ViewData,
} from './format/schema'
export { LessonSession, LESSON_BOOT_MS, simOptions } from './session/session'
export type { SessionSnapshot, SessionResume, StepStart, ShowMeState } from './session/session'
export type { GoalStatus, PredictionOutcome } from './session/step-tracker'
export { describeItem } from './session/script'
export { playLesson, reportLine, reportProblems } from './runner/runner'
export type { LessonReport, StepReport } from './runner/runner'
export { buildCatalog, fingerprint } from './catalog'
export type { Catalog, CatalogEntry, CatalogLesson, CatalogStep } from './catalog'
