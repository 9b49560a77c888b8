import { z } from 'zod'

/** Where progress lives in localStorage, and where an unreadable copy is kept (nothing is lost). */
export const PROGRESS_KEY = 'kcv.progress'
export const UNREADABLE_KEY = 'kcv.progress.unreadable'

/**
 * Saved progress versions, by name (as tldraw keys record migrations). Version 1 kept which
 * lessons were done and the step each was left at; version 2 keeps each lesson's answers,
 * hints, quiz and the exact session (seed + recorded actions) to resume the cluster as it was.
 * To change the shape: add a version, a schema and a migration up to it.
 */
export const ProgressVersions = {
  DoneAndStep: 1,
  ExactResume: 2,
} as const
export const PROGRESS_VERSION = ProgressVersions.ExactResume

const v1 = z.object({
  version: z.literal(ProgressVersions.DoneAndStep),
  done: z.array(z.string()),
  steps: z.record(z.string(), z.number().int().min(0)),
})

const recordedAction = z.object({
  atMs: z.number().min(0),
  action: z.looseObject({ type: z.string() }),
})

const stepStart = z.object({
  atMs: z.number(),
  traceLength: z.number().int(),
  etcdTerm: z.number(),
  etcdLeader: z.string(),
  actionCount: z.number().int(),
})

/** A session as the worker rebuilds it: replay these actions on the lesson's seed. */
const savedSession = z.object({
  stepIndex: z.number().int().min(0),
  starts: z.array(stepStart),
  actions: z.array(recordedAction),
  simTimeMs: z.number().min(0),
  reached: z.array(z.object({ id: z.string(), atMs: z.number() })),
  outcome: z.object({ choice: z.number().int(), atMs: z.number(), why: z.string() }).optional(),
})

const lessonProgress = z.object({
  /** The lesson file's fingerprint when saved: a changed lesson does not replay old actions. */
  fingerprint: z.string(),
  step: z.number().int().min(0),
  completed: z.boolean(),
  quizScore: z.object({ right: z.number().int(), total: z.number().int() }).optional(),
  answers: z.record(z.string(), z.number().int()),
  hints: z.record(z.string(), z.number().int()),
  quiz: z.record(z.string(), z.number().int()),
  session: savedSession.optional(),
})

const v2 = z.object({
  version: z.literal(ProgressVersions.ExactResume),
  lessons: z.record(z.string(), lessonProgress),
})

export type Progress = z.infer<typeof v2>
export type LessonProgress = z.infer<typeof lessonProgress>
export type SavedSession = z.infer<typeof savedSession>

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {} }
}

export function emptyLessonProgress(fingerprint: string): LessonProgress {
  return { fingerprint, step: 0, completed: false, answers: {}, hints: {}, quiz: {} }
}

/** Version 1 → 2: done flags and steps carry over; no session, so a lesson restarts its step. */
function fromV1(old: z.infer<typeof v1>): Progress {
  const progress = emptyProgress()
  for (const id of new Set([...old.done, ...Object.keys(old.steps)]))
    progress.lessons[id] = {
      ...emptyLessonProgress(''),
      step: old.steps[id] ?? 0,
      completed: old.done.includes(id),
    }
  return progress
}

/** Any saved version, brought up to the current one; an error says why it could not be. */
export function migrateProgress(raw: unknown): Progress | { error: string } {
  const version = (raw as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > PROGRESS_VERSION)
    return { error: `saved by a newer version of the app (progress version ${version})` }
  const current = v2.safeParse(raw)
  if (current.success) return current.data
  const old = v1.safeParse(raw)
  if (old.success) return fromV1(old.data)
  return { error: 'it is not progress this app can read' }
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

/** Reads saved progress; unreadable data is kept aside (never overwritten) with a warning. */
export function readProgress(storage: Storage): { progress: Progress; warning?: string } {
  let text: string | null
  try {
    text = storage.getItem(PROGRESS_KEY)
  } catch {
    return { progress: emptyProgress(), warning: 'Progress cannot be saved in this browser.' }
  }
  if (text === null) return { progress: emptyProgress() }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    raw = undefined
  }
  const migrated = raw === undefined ? { error: 'it is not JSON' } : migrateProgress(raw)
  if (!('error' in migrated)) return { progress: migrated }
  try {
    storage.setItem(UNREADABLE_KEY, text)
  } catch {
    // Nothing more can be done than the warning below.
  }
  return {
    progress: emptyProgress(),
    warning: `Saved lesson progress could not be read (${migrated.error}); starting afresh. The old data is kept under ${UNREADABLE_KEY}.`,
  }
}

export function writeProgress(storage: Storage, progress: Progress): boolean {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress))
    return true
  } catch {
    return false
  }
}
