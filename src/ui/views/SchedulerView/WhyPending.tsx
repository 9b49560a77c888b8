import { useShallow } from 'zustand/react/shallow'
import type { DecisionRecord } from '../../../protocol/records'
import { useAppState, useServices } from '../../app/app-context'
import { explainPending, nodeList, type Fix } from '../../viz/why-pending'

function FixItem({ fix }: { fix: Fix }) {
  const { runInPrompt } = useServices()
  return (
    <li>
      {fix.text}
      {fix.snippet && <pre className="snippet">{fix.snippet}</pre>}
      {fix.command && (
        <>
          {' '}
          <button
            type="button"
            className="fix-command"
            title="Runs it at the kubectl prompt, where you see what kubectl prints"
            onClick={() => {
              runInPrompt(fix.command ?? '')
            }}
          >
            kubectl {fix.command}
          </button>
        </>
      )}
    </li>
  )
}

/** "Why is this Pod Pending?" from its last decision; once bound, why it was Pending before. */
export function WhyPending({ decision }: { decision: DecisionRecord }) {
  const earlierFailure = useAppState((s) =>
    [...s.decisions].reverse().find((d) => d.pod === decision.pod && d.selectedNode === null),
  )
  if (decision.selectedNode === null) {
    return (
      <div data-testid="why-pending">
        <WhyFailed decision={decision} />
      </div>
    )
  }
  return (
    <div data-testid="why-pending">
      <p className="muted">
        {decision.pod} is not Pending: the scheduler bound it to {decision.selectedNode} (decision #
        {decision.seq}).
        {earlierFailure && ` Before that, decision #${earlierFailure.seq} found no node:`}
      </p>
      {earlierFailure && <WhyFailed decision={earlierFailure} />}
    </div>
  )
}

function WhyFailed({ decision }: { decision: DecisionRecord }) {
  const nodes = useAppState(
    useShallow((s) => Object.fromEntries(Object.values(s.nodes).map((n) => [n.name, n]))),
  )
  const event = useAppState((s) => {
    const name = decision.pod.split('/')[1] ?? ''
    return [...s.events]
      .reverse()
      .find((e) => e.reason === 'FailedScheduling' && e.object === `pod/${name}`)
  })
  const why = explainPending(decision, nodes)
  return (
    <div className="why" data-testid="why-failed">
      <p className="why-headline">
        <strong>{decision.pod}</strong>: {why.headline}
      </p>
      <ul className="why-groups">
        {why.groups.map((g) => (
          <li key={g.reason} data-testid="why-group">
            <p>
              <span className="why-count">{g.count}×</span> <code>{g.reason}</code>
              {g.nodes.length > 0 && <span className="muted"> ({nodeList(g.nodes, g.count)})</span>}
            </p>
            <p>{g.plain}</p>
            {g.fixes.length > 0 && (
              <ul className="fixes" aria-label={`Fixes for ${g.reason}`}>
                {g.fixes.map((f) => (
                  <FixItem key={f.text + (f.command ?? '')} fix={f} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {why.general.length > 0 && (
        <ul className="fixes general">
          {why.general.map((f) => (
            <FixItem key={f.text} fix={f} />
          ))}
        </ul>
      )}
      <p className="event-text">
        <span className="muted">FailedScheduling event: </span>
        <code data-testid="failed-scheduling-text">
          {event?.message ?? decision.failureMessage ?? ''}
        </code>
      </p>
    </div>
  )
}
