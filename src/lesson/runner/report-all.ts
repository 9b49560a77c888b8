import { buildCatalog } from '../catalog'
import { COURSE_TEXT, LESSON_FILES } from '../bundled'
import { playLesson, reportLine, reportProblems } from './runner'

export interface LessonsReport {
  lines: string[]
  problems: string[]
  ok: boolean
}

/**
 * Plays every bundled lesson headlessly, one line each, for `npm run lessons`. The wall clock
 * is passed in (this layer never reads one itself).
 */
export function reportAllLessons(wallClockMs: () => number): LessonsReport {
  const { catalog, lessons } = buildCatalog(LESSON_FILES, COURSE_TEXT)
  const lines: string[] = []
  const problems: string[] = []
  for (const entry of catalog.entries) {
    if (!entry.ok) {
      lines.push(`FAIL ${entry.id.padEnd(26)} does not load`)
      problems.push(...entry.errors)
      continue
    }
    const lesson = lessons.get(entry.lesson.id)
    if (!lesson) continue
    const started = wallClockMs()
    const report = playLesson(lesson)
    lines.push(reportLine(report, wallClockMs() - started))
    problems.push(...reportProblems(report))
  }
  return { lines, problems, ok: problems.length === 0 }
}
