import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makePodManifest } from '../testing/manifests'
import { REQUEST_TIMEOUT_MS } from './request-timeout'

// What kubectl v1.32.4 prints for the API server's timeout (504 with its Status as text/plain),
// captured against a fake API server answering so.
const TIMEOUT =
  'the server was unable to return a response in the time allotted, but may still be processing the request'

function withEtcdDown(): Simulation {
  const sim = createSimulation({ seed: 4, nodes: 1, etcdMembers: 3 })
  sim.advance(BOOT_MS)
  for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'stopComponent', id })
  sim.advance(500)
  return sim
}

/** Runs kubectl and returns its output and how much cluster time it took. */
function timed(sim: Simulation, line: string, stdin?: string) {
  const start = sim.nowMs
  const result = sim.kubectl(line, stdin)
  return { ...result, tookMs: sim.nowMs - start }
}

describe('kube-apiserver with no etcd member reachable', () => {
  it('fails a read after --request-timeout with kubectl’s own words for a 504', () => {
    const sim = withEtcdDown()
    const get = timed(sim, 'get pods')
    expect(get.exitCode).toBe(1)
    expect(get.output).toBe(`Error from server (Timeout): ${TIMEOUT} (get pods)`)
    expect(get.tookMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS)
    expect(get.tookMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000)
    expect(timed(sim, 'get pod web').output).toBe(
      `Error from server (Timeout): ${TIMEOUT} (get pods web)`,
    )
  })

  it('fails kubectl apply at its first GET, as kubectl v1.32 prints it', () => {
    const sim = withEtcdDown()
    const apply = timed(sim, 'apply -f -', makePodManifest('web').yaml())
    expect(apply.output).toBe(
      `Error from server (Timeout): error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "web", Namespace: "default"\nfrom server for: "STDIN": ${TIMEOUT} (get pods web)`,
    )
    expect(apply.tookMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000)
  })

  it('answers each request once: nothing arrives after the 504, and service resumes with etcd', () => {
    const sim = withEtcdDown()
    const from = sim.trace.length
    timed(sim, 'get pods')
    const answers = sim.trace
      .slice(from)
      .filter((e) => e.type === 'MessageSent' && e.to === 'kubectl' && /^\d{3}/.test(e.label))
    expect(answers.map((e) => (e.type === 'MessageSent' ? e.label : ''))).toEqual([
      '504 Gateway Timeout',
    ])
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'startComponent', id })
    sim.advance(20_000)
    expect(timed(sim, 'get pods').output).toBe('No resources found in default namespace.')
  })

  it('fails reads and writes without a quorum with etcd’s own error, well within the timeout', () => {
    const sim = createSimulation({ seed: 4, nodes: 1, etcdMembers: 3 })
    sim.advance(BOOT_MS)
    for (const id of ['etcd-2', 'etcd-3']) sim.dispatch({ type: 'stopComponent', id })
    sim.advance(3_000)
    const create = timed(sim, 'create -f -', makePodManifest('web').yaml())
    expect(create.output).toBe(
      'Error from server: error when creating "STDIN": etcdserver: request timed out',
    )
    expect(create.tookMs).toBeLessThan(REQUEST_TIMEOUT_MS)
    // A quorum read (kube-apiserver's consistent list asks etcd for its current revision) fails alike.
    const get = timed(sim, 'get pods')
    expect(get.output).toBe('Error from server: etcdserver: request timed out')
    expect(get.tookMs).toBeLessThan(REQUEST_TIMEOUT_MS)
  })
})
