import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../../app/app-context'
import { NodeRow } from './NodeRow'
import { ScrollRegion } from '../../components/ScrollRegion'

/** The nodes as the scheduler sees them, with cordon, taint, label and capacity controls. */
export function NodesPanel() {
  const { runKubectl } = useServices()
  const nodes = useAppState(useShallow((s) => s.nodeKeys.map((k) => s.nodes[k])))
  const [open, setOpen] = useState<string | undefined>()
  const [lastId, setLastId] = useState<string | undefined>()
  const result = useAppState((s) => s.kubectl.find((k) => k.commandId === lastId))
  const pending = useAppState(
    (s) => lastId !== undefined && s.pendingCommands[lastId] !== undefined,
  )
  const run = (command: string) => {
    setLastId(runKubectl(command))
  }
  return (
    <div className="nodes-panel" data-testid="nodes-panel">
      <p className="muted">
        Each change is a kubectl command through the API server (cordon, taint, label) or the
        kubelet reporting new capacity; the scheduler hears it through its Node watch and retries
        the Pods it concerns.
      </p>
      <ScrollRegion label="Nodes table">
        <table>
          <thead>
            <tr>
              <th scope="col">NODE</th>
              <th scope="col">STATUS</th>
              <th scope="col">ALLOCATABLE</th>
              <th scope="col">TAINTS</th>
              <th scope="col">LABELS</th>
              <th scope="col">ACTIONS</th>
            </tr>
          </thead>
          {nodes.map((node) =>
            node ? (
              <NodeRow
                key={node.key}
                node={node}
                open={open === node.name}
                onToggle={() => {
                  setOpen(open === node.name ? undefined : node.name)
                }}
                run={run}
              />
            ) : null,
          )}
        </table>
      </ScrollRegion>
      {(pending || result) && (
        <pre
          className={result && result.exitCode !== 0 ? 'kubectl-error' : 'kubectl-ok'}
          role="status"
          data-testid="node-action-output"
        >
          {result ? result.output : '…'}
        </pre>
      )}
    </div>
  )
}
