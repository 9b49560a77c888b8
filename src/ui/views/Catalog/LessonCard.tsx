import type { CatalogLesson } from '../../../protocol/lesson'
import type { LessonProgress } from '../../../store/progress'

interface LessonCardProps {
  lesson: CatalogLesson
  progress: LessonProgress | undefined
  onOpen: () => void
}

const LEVEL_HINT: Readonly<Record<string, string>> = {
  Beginner: 'Beginner: the masters manage the workers',
  Developer: 'Developer: why your Pod fails to schedule',
  Architect: 'Architect: HA clusters and etcd resilience',
}

/** One lesson in the catalog: what it teaches, its level and length, and how far you got. */
export function LessonCard({ lesson, progress, onOpen }: LessonCardProps) {
  const current = progress?.fingerprint === lesson.fingerprint ? progress : undefined
  const done = progress?.completed === true
  const place =
    current && !done && (current.step > 0 || current.session !== undefined)
      ? current.step
      : undefined
  const steps = lesson.steps.length
  return (
    <li className={`lesson-card${done ? ' done' : ''}`} data-testid={`lesson-card-${lesson.id}`}>
      <div className="lesson-card-head">
        <h4 id={`lesson-title-${lesson.id}`}>{lesson.title}</h4>
        {done && (
          <span className="done-mark" data-testid={`lesson-done-${lesson.id}`}>
            <span aria-hidden="true">✓</span> Done
          </span>
        )}
      </div>
      <p className="lesson-meta">
        <span
          className={`level level-${lesson.level.toLowerCase()}`}
          title={LEVEL_HINT[lesson.level]}
        >
          {lesson.level}
        </span>
        <span>{lesson.minutes} min</span>
        <span>{steps} steps</span>
      </p>
      <p className="lesson-summary">{lesson.summary}</p>
      <div className="lesson-card-actions">
        <button
          type="button"
          className={done ? '' : 'primary'}
          onClick={onOpen}
          aria-describedby={`lesson-title-${lesson.id}`}
          data-testid={`open-lesson-${lesson.id}`}
        >
          {done
            ? 'Review'
            : place !== undefined
              ? `Continue: step ${place + 1} of ${steps}`
              : 'Start'}
        </button>
      </div>
    </li>
  )
}
