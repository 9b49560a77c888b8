import { beforeAll, describe, expect, it } from 'vitest'
import type { RngState } from '../core/rng'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'
import { MAX_NAME_GENERATION_CREATE_ATTEMPTS } from './handle-write'

// RetryGenerateName (GA in v1.32, store.go createWithGenerateNameRetry): a create whose generated
// name is taken is tried again with a new name, 8 attempts in all, before the client sees 409.
// The API server's random stream is wound back before each create, so each one draws the same
// names as the one before it and meets every name those took.
type Sent = Extract<SimEvent, { type: 'MessageSent' }>

const apiServerRng = (sim: Simulation): RngState =>
  (sim as unknown as { kernel: { actors: Record<string, { rng: RngState }> } }).kernel.actors[
    'kube-apiserver'
  ]!.rng

const createTxns = (sim: Simulation, from: number): string[] =>
  sim.trace
    .slice(from - sim.traceStart)
    .filter(
      (e): e is Sent =>
        e.type === 'MessageSent' &&
        e.from === 'kube-apiserver' &&
        e.label.startsWith('Txn put /registry/configmaps/default/settings-'),
    )
    .map((e) => e.label.slice('Txn put /registry/configmaps/default/'.length))

let sim: Simulation
const answers: { code: number; name?: string; message?: string; txns: string[] }[] = []
beforeAll(() => {
  sim = createSimulation({ seed: 21, nodes: 1 })
  sim.advance(BOOT_MS)
  const rng = apiServerRng(sim)
  const before = { ...rng }
  for (let i = 0; i <= MAX_NAME_GENERATION_CREATE_ATTEMPTS; i++) {
    Object.assign(rng, before)
    const from = sim.traceStart + sim.trace.length
    const response = sim.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { generateName: 'settings-' },
      }),
    })
    const body = response.body as { metadata?: { name?: string }; message?: string }
    answers.push({
      code: response.code,
      ...(body.metadata?.name !== undefined ? { name: body.metadata.name } : {}),
      ...(body.message !== undefined ? { message: body.message } : {}),
      txns: createTxns(sim, from),
    })
  }
}, 60_000)

describe('a create with generateName whose name is taken', () => {
  it('is tried again with a new name, each try one etcd Txn, until a name is free', () => {
    for (const [i, answer] of answers.slice(0, MAX_NAME_GENERATION_CREATE_ATTEMPTS).entries()) {
      expect(answer.code).toBe(201)
      // The i names the earlier creates took, then a new one.
      expect(answer.txns).toEqual([...answers.slice(0, i).map((a) => a.name), answer.name])
    }
    expect(new Set(answers.map((a) => a.name).filter(Boolean)).size).toBe(
      MAX_NAME_GENERATION_CREATE_ATTEMPTS,
    )
  })

  it('gives up after 8 attempts with 409 AlreadyExists for the last name tried', () => {
    const last = answers[MAX_NAME_GENERATION_CREATE_ATTEMPTS]!
    expect(MAX_NAME_GENERATION_CREATE_ATTEMPTS).toBe(8)
    expect(last.txns).toHaveLength(8)
    expect(last.code).toBe(409)
    expect(last.message).toBe(`configmaps "${last.txns[7]}" already exists`)
  })

  it('does not try a name the client chose again', () => {
    const taken = answers[0]!.name!
    const from = sim.traceStart + sim.trace.length
    const response = sim.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/configmaps',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: taken } }),
    })
    expect(response.code).toBe(409)
    expect(createTxns(sim, from)).toEqual([taken])
  })
})
