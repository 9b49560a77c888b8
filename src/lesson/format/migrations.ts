import { LESSON_SCHEMA_VERSION } from './schema'

/**
 * Lesson file format versions, by name (as tldraw keys record migrations). A file says which
 * version it was written for (`schemaVersion`); older files are brought up to date here, one
 * step at a time, before the schema checks them, so an author never has to rewrite a lesson
 * because the format grew. To change the format: add a version, and a migration up to it.
 */
export const LessonVersions = {
  Initial: 1,
} as const

type RawLesson = Record<string, unknown>

/** Keyed by the version a migration brings a file up to; each is a pure function of the raw file. */
const migrations: Readonly<Record<number, (raw: RawLesson) => RawLesson>> = {}

export function migrateLesson(raw: RawLesson): { raw: RawLesson } | { error: string } {
  const version = raw['schemaVersion']
  if (version === undefined) return { raw }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { error: `expected a whole number like ${LESSON_SCHEMA_VERSION}` }
  if (version > LESSON_SCHEMA_VERSION)
    return {
      error: `version ${version} is newer than this app reads (${LESSON_SCHEMA_VERSION}): update the app`,
    }
  let current = raw
  for (let v = version + 1; v <= LESSON_SCHEMA_VERSION; v++) {
    const up = migrations[v]
    if (up) current = { ...up(current), schemaVersion: v }
  }
  return { raw: current }
}
