import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { ScrollRegion } from '../../components/ScrollRegion'
import { formatAge, formatSimTime } from '../../viz/age'
import { componentRoles } from '../../viz/component-roles'
import { PowerControls } from './PowerControls'
import './controllers.css'

/**
 * The controllers at work: who leads (the kube-system Leases), each Deployment's rollout, each
 * node's health and taints, and the controller manager's latest reconciles (observed against
 * desired, and what it did about it).
 */
export function ControllersPanel() {
  return (
    <section
      className="controllers panel"
      aria-labelledby="controllers-title"
      data-testid="controllers-panel"
    >
      <h2 id="controllers-title">Controllers</h2>
      <Deployments />
      <Reconciles />
      <NodeHealth />
      <Leaders />
      <PowerControls />
    </section>
  )
}

function Leaders() {
  const { leases, components, nowMs } = useAppState(
    useShallow((s) => ({
      leases: s.leases,
      components: s.components,
      nowMs: Math.floor(s.simTimeMs / 1000) * 1000,
    })),
  )
  const roles = componentRoles(components, leases)
  const rows = ['kube-controller-manager', 'kube-scheduler'].map((kind) => {
    const lease = leases[`/registry/leases/kube-system/${kind}`]
    const host = lease?.holder.slice(0, lease.holder.indexOf('_')) ?? ''
    const instances = components.filter((c) => c.kind === kind)
    const leader = instances.find((c) => c.host === host)
    return { kind, lease, leader, instances }
  })
  return (
    <>
      <h3>Leader election</h3>
      <ul className="leaders">
        {rows.map(({ kind, lease, leader, instances }) => (
          <li key={kind} data-testid={`leader-${kind}`}>
            <strong>{kind}</strong>:{' '}
            {lease?.holder ? (
              <>
                {leader?.id ?? lease.holder} leads (Lease held by <code>{lease.holder}</code>,
                renewed {formatAge(lease.renewMs, nowMs)} ago, {lease.transitions} transition
                {lease.transitions === 1 ? '' : 's'})
              </>
            ) : (
              'no leader yet'
            )}
            {instances.length > 1 && (
              <span className="instances">
                {' '}
                · {instances.map((c) => `${c.id} ${roles[c.id] ?? 'candidate'}`).join(', ')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}

function Deployments() {
  const deployments = useAppState(
    useShallow((s) => Object.values(s.deployments).sort((a, b) => a.key.localeCompare(b.key))),
  )
  if (deployments.length === 0) return null
  return (
    <>
      <h3>Deployments</h3>
      <ScrollRegion label="Deployments table">
        <table data-testid="deployments-table">
          <thead>
            <tr>
              <th scope="col">NAME</th>
              <th scope="col">READY</th>
              <th scope="col">UP-TO-DATE</th>
              <th scope="col">AVAILABLE</th>
              <th scope="col">REVISION</th>
              <th scope="col">IMAGE</th>
              <th scope="col">ROLLOUT</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((d) => (
              <tr key={d.key} data-testid={`deployment-row-${d.name}`}>
                <td>{d.namespace === 'default' ? d.name : `${d.namespace}/${d.name}`}</td>
                <td>{`${String(d.ready)}/${String(d.desired)}`}</td>
                <td>{d.updated}</td>
                <td>{d.available}</td>
                <td>{d.revision}</td>
                <td>{d.image}</td>
                <td>{d.paused ? 'paused' : d.progress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  )
}

function NodeHealth() {
  const nodes = useAppState(useShallow((s) => s.nodeKeys.map((k) => s.nodes[k])))
  const marks = useAppState(useShallow((s) => s.marks))
  return (
    <>
      <h3>Nodes</h3>
      <ul className="node-health">
        {nodes.map((node) => {
          if (!node) return null
          const last = [...marks].reverse().find((m) => m.text.includes(` ${node.name} `))
          return (
            <li
              key={node.key}
              data-testid={`node-health-${node.name}`}
              className={node.status.startsWith('Ready') ? undefined : 'unhealthy'}
            >
              <strong>{node.name}</strong> {node.status}
              {node.taints.length > 0 && <> · taints {node.taints.join(', ')}</>}
              {last && (
                <div className="muted">
                  {formatSimTime(last.atMs)}: {last.text}
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}

function Reconciles() {
  const reconciles = useAppState(useShallow((s) => s.reconciles.slice(-40).reverse()))
  return (
    <>
      <h3>Reconciles</h3>
      {reconciles.length === 0 ? (
        <p className="muted">
          Nothing to reconcile yet: apply a Deployment, scale it or stop a node.
        </p>
      ) : (
        <ol className="reconciles" data-testid="reconcile-log">
          {reconciles.map((r) => (
            <li key={r.seq}>
              <span className="at">{formatSimTime(r.atMs)}</span>
              <span className="actor">{r.actor}</span> {r.text}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
