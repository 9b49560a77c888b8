import { describe, expect, it } from 'vitest'
import { createSimulation, type SimAction, type Simulation } from '../../sim/index'
import { stateFromChanges, type FlowRecord } from '../../protocol/flow'
import { FlowTracker } from './flow-tracker'

// What the real kubectl v1.32 sends for `kubectl apply -f pod.yaml` of a new Pod (client-side
// apply): a GET that answers 404, then a POST of the object with its last-applied annotation.
const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
}
const PODS = '/api/v1/namespaces/default/pods'
const ADMIN = {
  certificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
}

function boot(): Simulation {
  const sim = createSimulation({ seed: 1, nodes: 3, etcdMembers: 3 })
  sim.advance(3000)
  return sim
}

let requests = 0
function request(
  sim: Simulation,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  contentType = 'application/json',
  query: Record<string, string> = {},
) {
  const action: SimAction = {
    type: 'apiRequest',
    requestId: `served-${String(++requests)}`,
    method,
    path,
    query,
    ...(body !== undefined ? { body: JSON.stringify(body), contentType } : {}),
    auth: ADMIN,
  }
  sim.dispatch(action)
}

/** Runs the sim `ms` further, feeding the tracker after every instant (as the host does). */
function follow(sim: Simulation, tracker: FlowTracker, ms: number): FlowRecord | undefined {
  const end = sim.nowMs + ms
  while (sim.nowMs < end && sim.step()) tracker.update(sim.trace, sim.actions)
  return tracker.record()
}

describe('the flow tracker: requests a real kubectl sends (npm run serve)', () => {
  it('follows the Pod a real kubectl apply POSTs through the six steps to Running', () => {
    const sim = boot()
    const tracker = new FlowTracker()
    request(sim, 'GET', `${PODS}/web`)
    // The GET alone starts no flow: kubectl has not asked for anything to be created yet.
    expect(follow(sim, tracker, 200)).toBeUndefined()
    const causeAt = sim.nowMs
    request(sim, 'POST', PODS, POD)
    const record = follow(sim, tracker, 15_000)
    expect(record?.pod).toBe('web')
    expect(record?.causeAtMs).toBe(causeAt)
    expect(record?.caption).toBe('Following Pod web, which a real kubectl created.')
    const end = record?.completedAtMs ?? Infinity
    expect(record?.steps.map((s) => stateFromChanges(s.changes, end))).toEqual(
      Array(6).fill('done'),
    )
    // Each step starts after the one before it, as the course tells the story.
    const firsts = record?.steps.map((s) => s.firstMs ?? NaN) ?? []
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts)
    expect(record?.closing).toMatch(
      /^Done: Pod web is Running on node-\d\. From the real kubectl’s “POST \/api\/v1\/namespaces\/default\/pods” to its Running status stored in etcd took \d+\.\d\d s of cluster time\.$/,
    )
  })

  it('follows the Pod a server-side apply (kubectl apply --server-side) creates', () => {
    const sim = boot()
    const tracker = new FlowTracker()
    request(sim, 'PATCH', `${PODS}/web`, POD, 'application/apply-patch+yaml', {
      fieldManager: 'kubectl',
    })
    const record = follow(sim, tracker, 15_000)
    expect(record?.caption).toBe('Following Pod web, which a real kubectl applied.')
    expect(record?.completedAtMs).toBeDefined()
    expect(record?.closing).toContain(
      'From the real kubectl’s “PATCH /api/v1/namespaces/default/pods/web”',
    )
  })

  it('ends a POST the API server rejects with its Status message, and starts no step past 2', () => {
    const sim = boot()
    const tracker = new FlowTracker()
    const invalid = { ...POD, spec: { containers: [{ name: 'web' }] } }
    request(sim, 'POST', PODS, invalid)
    const record = follow(sim, tracker, 5_000)
    expect(record?.outcome?.text).toContain('spec.containers[0].image: Required value')
    expect(record?.steps.slice(2).map((s) => s.firstMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('starts no flow for reads: GETs, lists and watches', () => {
    const sim = boot()
    const tracker = new FlowTracker()
    request(sim, 'GET', PODS)
    request(sim, 'GET', '/api/v1/nodes')
    expect(follow(sim, tracker, 2_000)).toBeUndefined()
  })
})
