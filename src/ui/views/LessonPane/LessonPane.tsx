import { useState } from 'react'
import { useServices } from '../../app/app-context'
import { Markdown } from '../../components/Markdown'
import { Finished } from './Finished'
import { Quiz } from './Quiz'
import { StepView } from './StepView'
import { useCourse, useLessonScreen } from '../../app/use-course'
import './lesson-pane.css'

interface HeaderActionsProps {
  /** Whether the text is folded away; undefined when there is nothing to fold. */
  fold: boolean | undefined
  onFold: () => void
}

/** Fold the text away (just the goals), and the way back to the catalog. */
function HeaderActions({ fold, onFold }: HeaderActionsProps) {
  const { course } = useServices()
  return (
    <div className="lesson-header-actions">
      {fold !== undefined && (
        <button
          type="button"
          className="link"
          aria-expanded={!fold}
          onClick={onFold}
          data-testid="fold-lesson"
        >
          {fold ? 'Show text' : 'Goals only'}
        </button>
      )}
      <button
        type="button"
        className="link"
        onClick={() => course.send({ type: 'EXIT' })}
        data-testid="exit-lesson"
      >
        All lessons
      </button>
    </div>
  )
}

interface LessonPaneProps {
  /**
   * In a course page's embed: compact (a fixed-height strip under the view), no way to the
   * catalog (an embed has none) nor on to another lesson: the host page leads the course.
   */
  embedded?: boolean
}

/**
 * The lesson beside the live cluster: which lesson and step, the step itself (or the quiz, or
 * the end), and a way back to the catalog. Everything it shows about the cluster comes from
 * the worker's checks on the simulation.
 */
export function LessonPane({ embedded = false }: LessonPaneProps) {
  const { course } = useServices()
  const lesson = useCourse((c) => c.lesson)
  const index = useCourse((c) => c.step)
  const screen = useLessonScreen()
  // Folded: only the goals and the controls, so the panel below gets the room (an open
  // question unfolds it: the student must see it).
  const [folded, setFolded] = useState(false)
  const asking = useCourse(
    (c) => c.lesson?.steps[c.step]?.predict !== undefined && c.answers[c.step] === undefined,
  )
  if (!lesson) return null
  const fold = folded && screen === 'step' && !asking
  return (
    <section
      className={`lesson-pane${embedded ? ' compact' : ' panel'}${fold ? ' folded' : ''}`}
      aria-labelledby="lesson-title"
      data-testid="lesson-pane"
    >
      <header className="lesson-header">
        <div className="lesson-heading">
          {!embedded && (
            <p className="lesson-kicker">
              <span className="visually-hidden">Lesson: </span>
              {lesson.level} · {lesson.minutes} min
            </p>
          )}
          <h2 id="lesson-title">
            <Markdown text={lesson.title} inline />
          </h2>
        </div>
        {!embedded && (
          <HeaderActions
            fold={screen === 'step' && !asking ? fold : undefined}
            onFold={() => {
              setFolded(!folded)
            }}
          />
        )}
      </header>
      <nav className="step-dots" aria-label="Steps">
        <span className="step-count" data-testid="step-count">
          {screen === 'step'
            ? `Step ${index + 1} of ${lesson.steps.length}`
            : screen === 'quiz'
              ? 'Quiz'
              : 'Done'}
        </span>
        <ol>
          {lesson.steps.map((step, i) => (
            <li key={step.title}>
              <button
                type="button"
                className={`dot${i === index && screen === 'step' ? ' current' : ''}${i < index || screen !== 'step' ? ' past' : ''}`}
                aria-current={i === index && screen === 'step' ? 'step' : undefined}
                aria-label={`Step ${i + 1}: ${step.title}`}
                onClick={() => course.send({ type: 'GO_TO_STEP', step: i })}
              />
            </li>
          ))}
        </ol>
      </nav>
      <div className="lesson-body">
        {screen === 'step' && <StepView lesson={lesson} />}
        {screen === 'quiz' && <Quiz lesson={lesson} />}
        {screen === 'finished' && <Finished lesson={lesson} embedded={embedded} />}
      </div>
    </section>
  )
}
