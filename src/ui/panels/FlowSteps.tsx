import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { FLOW_STEPS } from '../viz/flow-steps'
import { useStepDwell } from './use-step-dwell'
import './flow.css'

/** The six steps of starting a Pod, lit up as the followed Pod's messages go through them. */
export function FlowSteps() {
  const { stepsSeen, follow, followedPod, followSeq } = useAppState(
    useShallow((s) => ({
      stepsSeen: s.stepsSeen,
      follow: s.follow,
      followedPod: s.followedPod,
      followSeq: s.followSeq,
    })),
  )
  const shownStep = useStepDwell(stepsSeen, String(followSeq))
  const shownIndex = shownStep === undefined ? -1 : stepsSeen.indexOf(shownStep)
  const narration = useAppState((s) => {
    const name = s.followedPod?.name
    const line = [...s.narration]
      .reverse()
      .find((n) => name !== undefined && n.about?.name === name)
    return line?.text
  })
  const following = followedPod?.name ?? follow?.name
  const active = FLOW_STEPS.find((s) => s.step === shownStep)
  return (
    <section className="flow panel" aria-labelledby="flow-title" data-testid="flow">
      <div className="flow-header">
        <h2 id="flow-title">Starting a Pod, in six steps</h2>
        <p className="flow-caption">
          {following
            ? `Following ${followedPod ? 'Pod' : (follow?.kind ?? 'Pod')} ${following}${follow?.kind === 'ReplicaSet' ? ` (created by ReplicaSet ${follow.name})` : ''}`
            : 'Apply a Pod or ReplicaSet to follow its request through the control plane.'}
        </p>
      </div>
      <ol className="steps">
        {FLOW_STEPS.map(({ step, short, title, color }) => {
          const seenAt = stepsSeen.indexOf(step)
          const state =
            step === shownStep ? 'active' : seenAt >= 0 && seenAt < shownIndex ? 'done' : 'pending'
          return (
            <li
              key={step}
              className={`step ${state}`}
              data-testid={`flow-step-${step}`}
              data-state={state}
              aria-current={state === 'active' ? 'step' : undefined}
              title={title}
              style={{ '--step-color': color } as React.CSSProperties}
            >
              <span className="step-number">{step}</span>
              <span className="step-title">{short}</span>
            </li>
          )
        })}
      </ol>
      <p className="narration" data-testid="narration" aria-live="polite">
        {active && <strong className="narration-step">{active.title}. </strong>}
        {narration ?? ''}
      </p>
    </section>
  )
}
