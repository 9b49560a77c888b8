import { lessonSchema, type LessonData } from './schema'
import { parseLessonFile } from './parse-file'
import { formatProblem, zodProblems } from './errors'
import { migrateLesson } from './migrations'

/** A lesson that loaded, with its id (the file name) and the file it came from. */
export interface Lesson extends LessonData {
  id: string
  file: string
}

export type LessonLoad =
  | { ok: true; lesson: Lesson }
  | { ok: false; id: string; file: string; title?: string | undefined; errors: string[] }

let cached: { key: string; schema: ReturnType<typeof lessonSchema> } | undefined

/** The schema for these sections, built once (building it costs more than checking a file). */
function schemaFor(sections: readonly string[]): ReturnType<typeof lessonSchema> {
  const key = sections.join('\n')
  if (cached?.key !== key) cached = { key, schema: lessonSchema(sections) }
  return cached.schema
}

/** `lessons/raft-split-brain.md` → `raft-split-brain`. */
export function lessonIdOf(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/, '')
}

/**
 * Parses and validates one lesson file. Never throws: a broken file comes back with every
 * problem as `file: field.path: message (line N)`, so the catalog can show it and go on.
 */
export function loadLesson(file: string, text: string, sections: readonly string[]): LessonLoad {
  const id = lessonIdOf(file)
  try {
    const { raw, source, problems, fatal } = parseLessonFile(text)
    if (fatal) return { ok: false, id, file, errors: problems.map((p) => formatProblem(file, p)) }
    const title = typeof raw['title'] === 'string' ? raw['title'] : undefined
    const migrated = migrateLesson(raw)
    if ('error' in migrated)
      return {
        ok: false,
        id,
        file,
        title,
        errors: [formatProblem(file, { path: ['schemaVersion'], message: migrated.error })],
      }
    const parsed = schemaFor(sections).safeParse(migrated.raw)
    const all = [
      ...problems,
      ...(parsed.success ? [] : zodProblems(parsed.error, migrated.raw, source)),
    ]
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      all.unshift({
        path: [],
        message: 'the file name is the lesson id: use lowercase letters, digits and dashes',
      })
    if (all.length > 0 || !parsed.success)
      return { ok: false, id, file, title, errors: all.map((p) => formatProblem(file, p)) }
    return { ok: true, lesson: { ...parsed.data, id, file } }
  } catch (error) {
    return {
      ok: false,
      id,
      file,
      errors: [
        `${file}: could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ],
    }
  }
}
