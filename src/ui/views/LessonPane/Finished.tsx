import { useAppState, useServices } from '../../app/app-context'
import { startLesson } from '../../app/course'
import { quizScore } from '../../../machines/lesson.machine'
import type { CatalogLesson } from '../../../protocol/lesson'
import { useCourse } from '../../app/use-course'

interface FinishedProps {
  lesson: CatalogLesson
  /** In an embed the course page says where to go next: no catalog, no next lesson here. */
  embedded?: boolean
}

/** The end: the quiz score, and where to go next in the course. */
export function Finished({ lesson, embedded = false }: FinishedProps) {
  const { course, progress } = useServices()
  const quiz = useCourse((c) => c.quiz)
  const score = quizScore({ lesson, quiz })
  const next = useAppState((s) => {
    const lessons = (s.catalog?.entries ?? []).flatMap((e) => (e.ok ? [e.lesson] : []))
    const order = s.catalog?.sections.map((x) => x.id) ?? []
    lessons.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section))
    return lessons[lessons.findIndex((l) => l.id === lesson.id) + 1]
  })
  return (
    <article className="finished" aria-labelledby="finished-title" data-testid="lesson-finished">
      <h3 id="finished-title">
        <span aria-hidden="true">✓</span> Lesson complete
      </h3>
      <p>
        Quiz: {score.right} of {score.total} right.
        {embedded ? '' : ' This lesson is marked done in the catalog.'}
      </p>
      {!embedded && (
        <div className="step-actions">
          <button
            type="button"
            onClick={() => course.send({ type: 'EXIT' })}
            data-testid="back-to-catalog"
          >
            Back to the catalog
          </button>
          {next && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                startLesson(course, progress, next, 0)
              }}
            >
              Next: {next.title} <span aria-hidden="true">→</span>
            </button>
          )}
        </div>
      )}
    </article>
  )
}
