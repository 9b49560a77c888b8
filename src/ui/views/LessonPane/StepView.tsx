import { useAppState, useServices } from '../../app/app-context'
import { Markdown } from '../../components/Markdown'
import type { CatalogLesson } from '../../../protocol/lesson'
import { GoalList } from './GoalList'
import { Hints } from './Hints'
import { Prediction } from './Prediction'
import { useCourse } from '../../app/use-course'
import { StepActions } from './StepActions'

interface StepViewProps {
  lesson: CatalogLesson
}

/** One step: narration, the prediction, the goals, hints, and show me / reset / next. */
export function StepView({ lesson }: StepViewProps) {
  const { course } = useServices()
  const index = useCourse((c) => c.step)
  const answer = useCourse((c) => c.answers[c.step])
  const hintsShown = useCourse((c) => c.hints[c.step] ?? 0)
  const status = useAppState((s) =>
    s.lesson?.lessonId === lesson.id && s.lesson.stepIndex === index ? s.lesson : undefined,
  )
  const step = lesson.steps[index]
  if (!step) return null
  const last = index === lesson.steps.length - 1
  const showMe = status?.showMe
  return (
    <article className="lesson-step" aria-labelledby="step-title" data-testid="lesson-step">
      <h3 id="step-title">
        <Markdown text={step.title} inline />
      </h3>
      {status?.setupError && (
        <p className="lesson-error" role="alert">
          This step could not be set up: {status.setupError}
        </p>
      )}
      {/* The step's text scrolls: focusable so the keyboard can scroll it when nothing in it is
          (an answered prediction, no hints: WCAG 2.1.1, axe scrollable-region-focusable). */}
      <div
        className="lesson-scroll"
        role="region"
        aria-label="The step's narration"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <Markdown text={step.narration} className="lesson-narration" />
        {step.predict && (
          <Prediction
            key={index}
            predict={step.predict}
            answer={answer}
            outcome={status?.outcome}
            onAnswer={(choice) => course.send({ type: 'ANSWER', choice })}
          />
        )}
        <Hints
          hints={step.hints}
          shown={hintsShown}
          onMore={() => course.send({ type: 'SHOW_HINT' })}
        />
        {showMe?.state === 'running' && (
          <p className="show-me-status" role="status">
            Show me is doing it{showMe.doing ? `: ${showMe.doing}` : ''}…
          </p>
        )}
        {showMe?.state === 'failed' && (
          <p className="lesson-error" role="alert">
            Show me could not finish: {showMe.error}
          </p>
        )}
      </div>
      <footer className="lesson-footer">
        <GoalList goals={step.goals} status={status} />
        <StepActions
          canShowMe={step.solution.length > 0}
          solution={step.solution}
          mustPredict={answer === undefined && step.predict !== undefined}
          first={index === 0}
          complete={status?.complete === true}
          nextLabel={last ? (lesson.quiz.length > 0 ? 'Quiz' : 'Finish') : 'Next step'}
        />
      </footer>
    </article>
  )
}
