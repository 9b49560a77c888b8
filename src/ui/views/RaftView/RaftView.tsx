import { useState } from 'react'
import type { MessageRecord } from '../../../protocol/records'
import { useAppState } from '../../app/app-context'
import { ClusterActions } from './ClusterActions'
import { MemberCards } from './MemberCards'
import { MessageInspector } from './MessageInspector'
import { RaftLogs } from './RaftLogs'
import { RaftRing } from './RaftRing'
import { clusterHealth, quorumText } from './raft-text'
import './raft-view.css'

/**
 * etcd as the Raft cluster it is: members with roles, terms and election timers, the messages
 * between them, their logs, and the faults you can cause (stop, partition, slow disk, add or
 * remove members). Everything here is the simulation's own state, streamed from the worker.
 */
export function RaftView() {
  const etcd = useAppState((s) => s.etcd)
  const managed = useAppState((s) => s.managedControlPlane)
  const [selected, setSelected] = useState<MessageRecord | undefined>(undefined)
  if (!etcd) return null
  const health = clusterHealth(etcd)
  return (
    <section className="raft panel" aria-labelledby="raft-title" data-testid="raft-view">
      <header className="raft-header">
        <h2 id="raft-title">etcd: Raft consensus</h2>
        <p className="raft-quorum" data-testid="raft-quorum">
          {quorumText(etcd)}
        </p>
      </header>
      <p className={`raft-health ${health.tone}`} data-testid="raft-health" role="status">
        {health.text}
      </p>
      {managed && (
        <p className="raft-managed" data-testid="raft-managed">
          Managed control plane: your cloud provider runs these members. You cannot stop, cut off or
          resize them.
        </p>
      )}
      <fieldset className="raft-controls" disabled={managed}>
        <legend className="visually-hidden">etcd controls</legend>
        <ClusterActions etcd={etcd} />
        <div className="raft-main">
          <RaftRing etcd={etcd} onSelectMessage={setSelected} />
          <MessageInspector selected={selected} onSelect={setSelected} />
        </div>
        <MemberCards etcd={etcd} />
      </fieldset>
      <RaftLogs etcd={etcd} />
    </section>
  )
}
