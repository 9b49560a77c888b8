import type { NodeRecord } from '../../../protocol/records'
import { untaintCommand } from '../../viz/node-action-input'
import { readableMemory } from '../../viz/quantities'
import { NodeActions } from './NodeActions'

interface NodeRowProps {
  node: NodeRecord
  open: boolean
  onToggle: () => void
  run: (command: string) => void
}

/** One node: status, room, taints and labels (each removable), cordon and the action forms. */
export function NodeRow({ node, open, onToggle, run }: NodeRowProps) {
  return (
    <tbody data-testid={`node-row-${node.name}`}>
      <tr>
        <th scope="row">{node.name}</th>
        <td>{node.status}</td>
        <td>
          cpu {node.cpu}, memory <span title={node.memory}>{readableMemory(node.memory)}</span>,
          pods {node.pods}
        </td>
        <td>
          {node.taints.length === 0 && <span className="muted">none</span>}
          {node.taints.map((t) => (
            <span key={t} className="chip">
              {t}{' '}
              <button
                type="button"
                aria-label={`Remove taint ${t} from ${node.name}`}
                onClick={() => {
                  run(untaintCommand(node.name, t))
                }}
              >
                ✕
              </button>
            </span>
          ))}
        </td>
        <td>
          {Object.keys(node.labels).length === 0 && <span className="muted">none</span>}
          {Object.entries(node.labels).map(([k, v]) => (
            <span key={k} className="chip">
              {k}={v}{' '}
              <button
                type="button"
                aria-label={`Remove label ${k} from ${node.name}`}
                onClick={() => {
                  run(`label nodes ${node.name} ${k}-`)
                }}
              >
                ✕
              </button>
            </span>
          ))}
        </td>
        <td className="actions">
          <button
            type="button"
            onClick={() => {
              run(`${node.unschedulable ? 'uncordon' : 'cordon'} ${node.name}`)
            }}
            data-testid={`cordon-${node.name}`}
          >
            {node.unschedulable ? 'Uncordon' : 'Cordon'}
          </button>{' '}
          <button
            type="button"
            aria-expanded={open}
            onClick={onToggle}
            data-testid={`manage-${node.name}`}
          >
            Taint, label, capacity…
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <NodeActions node={node} run={run} />
          </td>
        </tr>
      )}
    </tbody>
  )
}
