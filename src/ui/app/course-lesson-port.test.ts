import { describe, expect, it } from 'vitest'
import { createActor } from 'xstate'
import { lessonMachine } from '../../machines/lesson.machine'
import type { CatalogLesson, LessonStatus } from '../../protocol/lesson'
import { createAppStore } from '../../store/store'
import { courseLessonPort } from './course-lesson-port'
import type { LessonNews } from './lesson-port'
import { ProgressKeeper } from './progress-keeper'

const step = (title: string) => ({
  title,
  narration: `About ${title}`,
  goals: [{ id: 'stopped', text: 'Stop a member' }],
  hints: [],
  solution: ['stop etcd-1'],
  pauseWhenDone: false,
})

const LESSON = {
  id: 'demo',
  file: 'lessons/demo.md',
  title: 'Demo',
  section: 'etcd',
  level: 'Beginner',
  minutes: 5,
  summary: 's',
  objectives: ['o'],
  intro: 'i',
  steps: [step('first'), step('second'), step('third')],
  quiz: [],
  fingerprint: 'f',
} as CatalogLesson

const met = (stepIndex: number): LessonStatus => ({
  lessonId: 'demo',
  stepIndex,
  starts: [],
  goals: [{ id: 'stopped', text: '', met: true, why: '' }],
  complete: true,
  showMe: { state: 'idle' },
})

/** The course statechart with its effects recorded, a catalog holding LESSON, and the port. */
function setup() {
  const opened: string[] = []
  const course = createActor(
    lessonMachine.provide({
      actions: {
        openLesson: (_, p) => opened.push(`open ${p.lessonId} ${String(p.step)}`),
        gotoStep: (_, p) => opened.push(`goto ${String(p.step)}`),
      },
    }),
  )
  course.start()
  const store = createAppStore()
  store.setState({ catalog: { sections: [], entries: [{ ok: true, lesson: LESSON }] } } as never)
  const data = new Map<string, string>()
  const keeper = new ProgressKeeper({
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => data.set(k, v),
  })
  const port = courseLessonPort(course, store, keeper)
  const news: LessonNews[] = []
  const unsubscribe = port.subscribe((n) => news.push(n))
  return { course, port, news, opened, unsubscribe }
}

describe('the course as a lesson port (embed API and keyboard)', () => {
  it('opens a lesson at a step counted from 1 and reports the step entered', () => {
    const { course, port, news, opened } = setup()
    port.goToStep(2, 'demo')
    expect(course.getSnapshot().matches('lesson')).toBe(true)
    expect(course.getSnapshot().context.step).toBe(1)
    expect(opened).toEqual(['open demo 1'])
    expect(news).toEqual([{ type: 'stepChanged', lesson: 'demo', step: 2, title: 'second' }])
  })

  it('moves within the open lesson, goes on with next, and ignores a step past the end', () => {
    const { course, port, news, opened } = setup()
    port.goToStep(1, 'demo')
    port.goToStep(3)
    port.goToStep(9)
    expect(course.getSnapshot().context.step).toBe(2)
    expect(opened.filter((o) => o.startsWith('goto'))).toEqual(['goto 2'])
    expect(news.map((n) => (n.type === 'stepChanged' ? n.step : n.type))).toEqual([1, 3])
    port.goToStep(1)
    port.next()
    expect(opened.filter((o) => o.startsWith('goto'))).toEqual(['goto 2', 'goto 0', 'goto 1'])
    expect(news.map((n) => (n.type === 'stepChanged' ? n.step : n.type))).toEqual([1, 3, 1, 2])
  })

  it('reports a goal reached with its step counted from 1', () => {
    const { course, port, news } = setup()
    port.goToStep(2, 'demo')
    course.send({ type: 'STATUS', status: met(1) })
    expect(news).toContainEqual({ type: 'goalReached', lesson: 'demo', step: 2, goal: 'stopped' })
  })

  it('does nothing for an unknown lesson, or for next outside a lesson, and stops on unsubscribe', () => {
    const { course, port, news, unsubscribe } = setup()
    port.goToStep(1, 'no-such-lesson')
    port.next()
    expect(course.getSnapshot().matches('lesson')).toBe(false)
    expect(news).toEqual([])
    unsubscribe()
    port.goToStep(1, 'demo')
    expect(course.getSnapshot().matches('lesson')).toBe(true)
    expect(news).toEqual([])
  })
})
