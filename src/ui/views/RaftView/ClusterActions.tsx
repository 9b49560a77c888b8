import type { EtcdRecord } from '../../../protocol/records'
import { useServices } from '../../app/app-context'

const MAX_MEMBERS = 7

/** The etcd cluster's faults and repairs: add a member, split brain, a lossy link, heal. */
export function ClusterActions({ etcd }: { etcd: EtcdRecord }) {
  const { dispatch } = useServices()
  const client = etcd.clients[0]
  const others = etcd.members
    .filter((m) => !m.removed && m.id !== client?.endpoint)
    .map((m) => m.id)
  const voters = etcd.voters.length
  return (
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
          if (client) dispatch({ type: 'partition', sides: [[client.id, client.endpoint], others] })
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
  )
}
