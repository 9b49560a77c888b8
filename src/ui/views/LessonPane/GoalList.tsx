import { Markdown } from '../../components/Markdown'
import type { CatalogStep, LessonStatus } from '../../../protocol/lesson'

interface GoalListProps {
  goals: CatalogStep['goals']
  status: LessonStatus | undefined
}

/** The step's goals, ticking live as the worker sees them reached; the next one says why not yet. */
export function GoalList({ goals, status }: GoalListProps) {
  if (goals.length === 0) return null
  const live = status?.goals ?? []
  const next = goals.findIndex((g) => !live.find((l) => l.id === g.id)?.met)
  return (
    <section className="goals" aria-label="Goals">
      <h4>Goals</h4>
      <ol aria-live="polite">
        {goals.map((goal, i) => {
          const reached = live.find((l) => l.id === goal.id)
          const met = reached?.met === true
          return (
            <li
              key={goal.id}
              className={met ? 'met' : i === next ? 'next' : ''}
              data-testid={`goal-${goal.id}`}
              data-met={met}
            >
              <span className="goal-mark" aria-hidden="true">
                {met ? '✓' : '○'}
              </span>
              <span className="goal-text">
                <Markdown text={goal.text} inline />
                <span className="visually-hidden">{met ? ' (reached)' : ' (not yet)'}</span>
                {i === next && reached?.why && <span className="goal-why">{reached.why}</span>}
              </span>
            </li>
          )
        })}
      </ol>
      {status?.complete && (
        <p className="step-complete" role="status" data-testid="step-complete">
          Step complete.
        </p>
      )}
    </section>
  )
}
