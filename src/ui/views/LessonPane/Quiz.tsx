import { useId } from 'react'
import { useServices } from '../../app/app-context'
import { Markdown } from '../../components/Markdown'
import type { CatalogLesson } from '../../../protocol/lesson'
import { useCourse } from '../../app/use-course'

interface QuizProps {
  lesson: CatalogLesson
}

/** The end-of-lesson quiz: pick an answer, see whether it is right and why. */
export function Quiz({ lesson }: QuizProps) {
  const { course } = useServices()
  const answers = useCourse((c) => c.quiz)
  const base = useId()
  const all = lesson.quiz.every((_, i) => answers[i] !== undefined)
  return (
    <article className="quiz" aria-labelledby="quiz-title" data-testid="lesson-quiz">
      <h3 id="quiz-title">Quiz</h3>
      <ol className="quiz-questions">
        {lesson.quiz.map((q, i) => {
          const picked = answers[i]
          const answered = picked !== undefined
          return (
            <li key={q.question} data-testid={`quiz-question-${i}`}>
              <fieldset disabled={answered}>
                <legend>
                  <Markdown text={q.question} inline />
                </legend>
                {q.choices.map((choice, c) => (
                  <label
                    key={choice.text}
                    className={`choice${answered && choice.correct ? ' happened' : ''}${picked === c ? ' mine' : ''}`}
                  >
                    <input
                      type="radio"
                      name={`${base}-${i}`}
                      checked={picked === c}
                      onChange={() => course.send({ type: 'QUIZ_ANSWER', question: i, choice: c })}
                    />
                    <Markdown text={choice.text} inline />
                  </label>
                ))}
              </fieldset>
              {answered && (
                <p
                  className={`quiz-explain ${q.choices[picked]?.correct ? 'right' : 'wrong'}`}
                  role="status"
                >
                  <strong>{q.choices[picked]?.correct ? 'Right.' : 'Not quite.'}</strong>{' '}
                  <Markdown text={q.explain} inline />
                </p>
              )}
            </li>
          )
        })}
      </ol>
      <div className="step-actions">
        <button type="button" onClick={() => course.send({ type: 'BACK' })}>
          Back to the steps
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          disabled={!all}
          onClick={() => course.send({ type: 'FINISH' })}
          data-testid="finish-lesson"
        >
          Finish the lesson
        </button>
      </div>
    </article>
  )
}
