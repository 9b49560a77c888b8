import { useServices } from '../../app/app-context'

interface StepActionsProps {
  canShowMe: boolean
  /** What show me will do, item by item (its tooltip). */
  solution: string[]
  /** The step's question is still open: show me waits for the prediction. */
  mustPredict: boolean
  first: boolean
  complete: boolean
  nextLabel: string
}

/** Show me, reset step, back and next: the step's controls, kept in view at the pane's bottom. */
export function StepActions(props: StepActionsProps) {
  const { course } = useServices()
  return (
    <div className="step-actions">
      {props.canShowMe && (
        <button
          type="button"
          onClick={() => course.send({ type: 'SHOW_ME' })}
          disabled={props.mustPredict}
          title={`Does: ${props.solution.join('; ')}`}
          data-testid="show-me"
        >
          Show me
        </button>
      )}
      <button
        type="button"
        onClick={() => course.send({ type: 'RESET_STEP' })}
        data-testid="reset-step"
      >
        Reset step
      </button>
      <span className="spacer" />
      <button
        type="button"
        onClick={() => course.send({ type: 'BACK' })}
        disabled={props.first}
        data-testid="step-back"
      >
        Back
      </button>
      <button
        type="button"
        className={props.complete ? 'primary' : ''}
        onClick={() => course.send({ type: 'NEXT' })}
        data-testid="step-next"
      >
        {props.nextLabel} <span aria-hidden="true">→</span>
      </button>
    </div>
  )
}
