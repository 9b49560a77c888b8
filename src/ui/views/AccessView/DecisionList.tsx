import { useAppState, useServices } from '../../app/app-context'
import type { AuthorizationRecord } from '../../../protocol/records'
import { decisionSummary } from './decision-text'

interface DecisionListProps {
  shown?: AuthorizationRecord | undefined
}

/** The latest decisions on the student's requests (and any denial), newest first. */
export function DecisionList({ shown }: DecisionListProps) {
  const { store } = useServices()
  const decisions = useAppState((s) => s.authDecisions)
  if (decisions.length === 0)
    return <p className="muted">Run a kubectl command: how the API server decided appears here.</p>
  return (
    <ul className="decision-list" aria-label="Recent requests">
      {[...decisions].reverse().map((d) => {
        const id = `${d.client}#${d.requestId}`
        const selected = shown === d
        return (
          <li key={id}>
            <button
              type="button"
              aria-pressed={selected}
              className={`decision-item ${d.allowed ? 'allowed' : 'denied'}`}
              onClick={() => {
                store.setState({ selectedDecision: id })
              }}
            >
              {decisionSummary(d)}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
