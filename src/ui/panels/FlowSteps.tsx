import { useAppState, useServices } from '../app/app-context'
import { FLOW_STEPS } from '../viz/flow-steps'
import { useFlowView } from './use-flow-view'
import './flow.css'

const STATE_WORD = { pending: 'not yet', active: 'now', waiting: 'waiting', done: 'done' } as const

/**
 * The six steps of starting a Pod, each lit exactly while the trace says it has work in hand,
 * with a line of plain narration (the components' own words with expert detail on), and a
 * closing line with the cluster time it all took.
 */
export function FlowSteps() {
  const { store } = useServices()
  const caption = useAppState((s) => s.flow?.caption)
  const expert = useAppState((s) => s.expertDetail)
  const view = useFlowView()
  const active = FLOW_STEPS.filter((_, i) => view.states[i] === 'active')
  // After the Pod ran, a step can light up again (the kubelet restarting a crashed container):
  // the narration then says what is happening now, not the closing line of the first start.
  const closing = active.length > 0 ? undefined : view.closing
  const story =
    view.outcome ??
    closing ??
    (caption === undefined
      ? 'Press “kubectl apply -f -” to send the manifest, then watch it go from kubectl to a running container, step by step.'
      : view.text)
  return (
    <section className="flow panel" aria-labelledby="flow-title" data-testid="flow">
      <div className="flow-header">
        <h2 id="flow-title">Starting a Pod, in six steps</h2>
        <p className="flow-caption" data-testid="flow-caption" title={caption}>
          {caption ??
            'Apply a Pod, ReplicaSet or Deployment to follow its request through the control plane.'}
        </p>
        <label className="expert-toggle">
          <input
            type="checkbox"
            checked={expert}
            onChange={(e) => {
              store.setState({ expertDetail: e.target.checked })
            }}
            data-testid="expert-detail"
          />
          Expert detail
        </label>
      </div>
      <ol className="steps" data-testid="flow-steps" data-now={view.atMs.toFixed(3)}>
        {FLOW_STEPS.map(({ step, short, title, color }, i) => {
          const state = view.states[i] ?? 'pending'
          return (
            <li
              key={step}
              className={`step ${state}`}
              data-testid={`flow-step-${String(step)}`}
              data-state={state}
              aria-current={state === 'active' ? 'step' : undefined}
              title={title}
              style={{ '--step-color': color } as React.CSSProperties}
            >
              <span className="step-number" aria-hidden="true">
                {state === 'done' ? '✓' : step}
              </span>
              <span className="step-title">{short}</span>
              <span className="visually-hidden">
                {` (step ${String(step)}, ${STATE_WORD[state]})`}
              </span>
            </li>
          )
        })}
      </ol>
      <p
        className={`narration${closing && !view.outcome ? ' closing' : ''}${view.outcome ? ' failed' : ''}`}
        data-testid="narration"
        aria-live="polite"
      >
        {active.length > 0 && !closing && (
          <strong className="narration-step">
            {active.length === 1 ? 'Step ' : 'Steps '}
            {active.map((s) => String(s.step)).join(' and ')}:{' '}
          </strong>
        )}
        {story}
        {expert && view.detail && !closing && (
          <span className="narration-detail" data-testid="narration-detail">
            {' '}
            {view.detail}
          </span>
        )}
      </p>
    </section>
  )
}
