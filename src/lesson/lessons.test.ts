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

  it('teaches every course section the simulation can already show; the others show as coming', () => {
    const taught = new Set([...lessons.values()].map((l) => l.section))
    // Issue 11's list: the sections with something to simulate today.
    const required = [
      'desired-state',
      'api-server',
      'etcd',
      'scheduler',
      'request-flow',
      'managed',
      'etcd-scaling',
      'split-brain',
      'interview',
      // Issue 13's: controllers, the kubelet and kube-proxy.
      'controllers',
      'kubelet',
      'kube-proxy',
      // Issue 14's security sections.
      'rbac',
      'secrets',
      'kubeconfig',
      // Issue 15's list cost.
      'list-cost',
    ]
    expect(required.filter((section) => !taught.has(section))).toEqual([])
    const coming = catalog.sections.filter((s) => !taught.has(s.id)).map((s) => s.id)
    expect(coming).toEqual([])
  })

  it('lists the lessons of a section beginner first', () => {
    const inSection = catalog.entries.flatMap((e) =>
      e.ok && e.lesson.section === 'api-server' ? [e.lesson.id] : [],
    )
    expect(inSection).toEqual(['api-server', 'api-server-down'])
  })

  for (const [id, lesson] of lessons) {
    it(`${id}: has at least 3 steps, a prediction and a quiz`, () => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(3)
      expect(lesson.steps.some((s) => s.predict !== undefined)).toBe(true)
      expect(lesson.quiz.length).toBeGreaterThan(0)
    })

    // A lesson plays minutes of cluster time (node failure: over six); on a loaded machine that
    // takes longer than vitest's default 5 s.
    it(`${id}: show me reaches every goal within budget, and each prediction comes true`, () => {
      const report = playLesson(lesson)
      expect(reportProblems(report)).toEqual([])
      expect(report.ok).toBe(true)
    }, 120_000)
  }
})
