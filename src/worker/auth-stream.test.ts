import { describe, expect, it } from 'vitest'
import { createSimulation } from '../sim/index'
import { AuthStream } from './auth-stream'

describe('AuthStream', () => {
  it('sends each decision once, the kubeconfig and inspector when they change, nothing while idle', () => {
    const sim = createSimulation({ seed: 3 })
    sim.advance(3_000)
    const stream = new AuthStream()
    const first = stream.next(sim, true, [], false, 0)
    expect(first?.replace).toBe(true)
    expect(first?.kubeconfig?.currentContext).toBe('kubernetes-admin@kubernetes')
    expect(first?.apiServer).toMatchObject({ running: true, encryptionActive: false })
    expect(first?.inspector?.keys.some((k) => k.startsWith('/registry/configmaps/'))).toBe(true)
    const from = sim.trace.length
    sim.kubectl('config use-context bob@kubernetes')
    sim.kubectl('get pods')
    const update = stream.next(sim, false, sim.trace.slice(from), false, 1_000)
    expect(update?.kubeconfig?.currentContext).toBe('bob@kubernetes')
    expect(update?.decisions.map((d) => [d.user?.name, d.code])).toEqual([['bob', 403]])
    expect(stream.next(sim, false, [], false, 2_000)).toBeUndefined()
  })

  it('shows the picked key and what a copy under another key would read', () => {
    const sim = createSimulation({ seed: 4 })
    sim.advance(3_000)
    sim.kubectl('create secret generic db-pass --from-literal=password=s3cr3t')
    const stream = new AuthStream()
    stream.inspect('/registry/secrets/default/db-pass')
    const frame = stream.next(sim, true, [], false, 0)
    expect(frame?.inspector?.value?.secretData).toEqual({ password: 's3cr3t' })
    expect(frame?.inspector?.copied?.key).toBe('/registry/secrets/default/db-pass-copy')
  })

  it('lists a new Secret once the store says one changed, not before (no scan per frame)', () => {
    const sim = createSimulation({ seed: 5 })
    sim.advance(3_000)
    const stream = new AuthStream()
    stream.next(sim, true, [], false, 0)
    sim.kubectl('create secret generic api-token --from-literal=token=t0k3n')
    const key = '/registry/secrets/default/api-token'
    expect(stream.next(sim, false, [], false, 1_000)?.inspector).toBeUndefined()
    expect(stream.next(sim, false, [], true, 2_000)?.inspector?.keys).toContain(key)
  })
})
