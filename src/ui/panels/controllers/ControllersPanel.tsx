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

/** kubectl get deploy, one line per Deployment, and its rollout (revision, image, progress). */
function Deployments() {
  const deployments = useAppState(
    useShallow((s) => Object.values(s.deployments).sort((a, b) => a.key.localeCompare(b.key))),
  )
  if (deployments.length === 0) return null
  return (
    <>
      <h3>Deployments</h3>
      <ul className="deployments" data-testid="deployments">
        {deployments.map((d) => (
          <li key={d.key} data-testid={`deployment-row-${d.name}`}>
            <strong>{d.namespace === 'default' ? d.name : `${d.namespace}/${d.name}`}</strong>{' '}
            <span data-testid="deployment-counts">
              {`${String(d.ready)}/${String(d.desired)}`} ready · {d.updated} up-to-date ·{' '}
              {d.available} available
            </span>
            <div className="muted" data-testid="deployment-rollout">
              revision {d.revision} · {d.image} · {d.paused ? 'paused' : d.progress || 'starting'}
            </div>
          </li>
        ))}
      </ul>
    </>
  )
}

function NodeHealth() {
  const nodes = useAppState(useShallow((s) => s.nodeKeys.map((k) => s.nodes[k])))
  const marks = useAppState(useShallow((s) => s.marks))
  return (
    <>
      <h3>Nodes</h3>
      <p className="muted legend">
        On the timeline: <span className="key mark-node">node</span>{' '}
        <span className="key mark-taint">taint</span>{' '}
        <span className="key mark-evict">eviction</span>{' '}
        <span className="key mark-leader">leader</span> (your actions: the triangles above it)
      </p>
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
        <ScrollRegion label="Reconciles, newest first" className="reconciles-scroll">
          <ol className="reconciles" data-testid="reconcile-log">
            {reconciles.map((r) => (
              <li key={r.seq}>
                <span className="at">{formatSimTime(r.atMs)}</span>
                <span className="actor">{r.actor}</span> {r.text}
              </li>
            ))}
          </ol>
        </ScrollRegion>
      )}
    </>
  )
}
