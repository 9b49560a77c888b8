import { useState } from 'react'
import type { MessageRecord } from '../../../protocol/records'
import { useAppState, useServices } from '../../app/app-context'
import { MemberCards } from './MemberCards'
import { MessageInspector } from './MessageInspector'
import { RaftLogs } from './RaftLogs'
import { RaftRing } from './RaftRing'
import { clusterHealth, quorumText } from './raft-text'
import './raft-view.css'

const MAX_MEMBERS = 7

/**
 * etcd as the Raft cluster it is: members with roles, terms and election timers, the messages
 * between them, their logs, and the faults you can cause (stop, partition, slow disk, add or
 * remove members). Everything here is the simulation's own state, streamed from the worker.
 */
export function RaftView() {
  const etcd = useAppState((s) => s.etcd)
  const { dispatch } = useServices()
  const [selected, setSelected] = useState<MessageRecord | undefined>(undefined)
  if (!etcd) return null
  const health = clusterHealth(etcd)
  const client = etcd.clients[0]
  const others = etcd.members
    .filter((m) => !m.removed && m.id !== client?.endpoint)
    .map((m) => m.id)
  const voters = etcd.voters.length
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
      <div className="raft-cluster-actions" role="group" aria-label="etcd cluster actions">
        <button
          type="button"
          onClick={() => {
            dispatch({ type: 'addEtcdMember' })
          }}
          disabled={voters >= MAX_MEMBERS}
        >
          Add member
        </button>
        <button
          type="button"
          disabled={!client || others.length < 2}
          title="Cut the API server and its etcd member off from the other members"
          onClick={() => {
            if (client)
              dispatch({ type: 'partition', sides: [[client.id, client.endpoint], others] })
          }}
        >
          Split brain
        </button>
        <button
          type="button"
          disabled={etcd.voters.length < 2}
          title="Lose 30% of the messages between the first two members, both ways"
          onClick={() => {
            const [a, b] = etcd.voters
            if (a && b) dispatch({ type: 'setLinkLoss', a, b, fraction: 0.3 })
          }}
        >
          Lossy link
        </button>
        <button
          type="button"
          onClick={() => {
            dispatch({ type: 'heal' })
          }}
        >
          Heal network
        </button>
      </div>
      <div className="raft-main">
        <RaftRing etcd={etcd} onSelectMessage={setSelected} />
        <MessageInspector selected={selected} onSelect={setSelected} />
      </div>
      <MemberCards etcd={etcd} />
      <RaftLogs etcd={etcd} />
    </section>
  )
}
