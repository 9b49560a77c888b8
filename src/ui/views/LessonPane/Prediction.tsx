import { useId, useState } from 'react'
import { Markdown } from '../../components/Markdown'
import type { CatalogStep, LessonStatus } from '../../../protocol/lesson'

interface PredictionProps {
  predict: NonNullable<CatalogStep['predict']>
  answer: number | undefined
  outcome: LessonStatus['outcome']
  onAnswer: (choice: number) => void
}

/**
 * "Predict, then see": the question before the step's action runs; once answered, what the
 * simulation actually did (from its trace), against the student's guess, with why.
 */
export function Prediction({ predict, answer, outcome, onAnswer }: PredictionProps) {
  const [picked, setPicked] = useState<number | undefined>(undefined)
  const name = useId()
  const answered = answer !== undefined
  return (
    <section
      className={`prediction${answered ? ' answered' : ''}`}
      aria-label="Predict"
      data-testid="prediction"
    >
      <h4>
        <span className="prediction-tag">Predict</span> <Markdown text={predict.question} inline />
      </h4>
      <fieldset disabled={answered}>
        <legend className="visually-hidden">Your prediction</legend>
        {predict.choices.map((choice, i) => {
          const happened = outcome?.choice === i
          const mine = answer === i
          return (
            <label
              key={choice.text}
              className={`choice${happened ? ' happened' : ''}${mine ? ' mine' : ''}`}
              data-testid={`prediction-choice-${i}`}
            >
              <input
                type="radio"
                name={name}
                checked={answered ? mine : picked === i}
                onChange={() => {
                  setPicked(i)
                }}
              />
              <Markdown text={choice.text} inline />
              {happened && <span className="choice-mark">what happened</span>}
            </label>
          )
        })}
      </fieldset>
      {!answered && (
        <button
          type="button"
          className="primary"
          disabled={picked === undefined}
          onClick={() => {
            if (picked !== undefined) onAnswer(picked)
          }}
          data-testid="prediction-answer"
        >
          Lock in, then play
        </button>
      )}
      {answered && !outcome && (
        <p className="prediction-wait" role="status">
          Your answer is in. Do the step (or press <strong>Show me</strong>) and watch what the
          cluster does.
        </p>
      )}
      {outcome && (
        <p
          className={`prediction-reveal ${outcome.choice === answer ? 'right' : 'wrong'}`}
          role="status"
          data-testid="prediction-reveal"
        >
          <strong>{outcome.choice === answer ? 'You called it.' : 'Not what happened.'}</strong>{' '}
          <Markdown text={outcome.why} inline />
        </p>
      )}
    </section>
  )
}
