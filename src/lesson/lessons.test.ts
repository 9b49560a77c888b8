import { describe, expect, it } from 'vitest'
import { buildCatalog } from './catalog'
import { playLesson, reportProblems } from './runner/runner'
import { COURSE_TEXT, LESSON_FILES } from './bundled'

const { catalog, lessons } = buildCatalog(LESSON_FILES, COURSE_TEXT)

describe('the lessons in lessons/', () => {
  it('all load without errors', () => {
    const broken = catalog.entries.flatMap((e) => (e.ok ? [] : e.errors))
    expect(broken).toEqual([])
    expect(lessons.size).toBeGreaterThan(0)
  })

  for (const [id, lesson] of lessons) {
    it(`${id}: has at least 3 steps, a prediction and a quiz`, () => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(3)
      expect(lesson.steps.some((s) => s.predict !== undefined)).toBe(true)
      expect(lesson.quiz.length).toBeGreaterThan(0)
    })

    it(`${id}: show me reaches every goal within budget, and each prediction comes true`, () => {
      const report = playLesson(lesson)
      expect(reportProblems(report)).toEqual([])
      expect(report.ok).toBe(true)
    })
  }
})
