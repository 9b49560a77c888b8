import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../sim/index'
import { conditionSchema } from '../format/schema'
import { Facts, type StepBaseline } from './facts'
import { compileCondition, describeCondition } from './conditions/registry'
import { actionKind } from './actions/registry'

// The words the security lessons use (issue 14): authorized, atRest, encryptionConfig, restart.
const KEY1 = 'c2VjcmV0IGlzIHNlY3VyZSwgaSB0aGluayBzbyEhISE='
const aescbc = (keys: string[]) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
${keys.map((k) => `            - name: ${k}\n              secret: ${KEY1}`).join('\n')}
      - identity: {}
`

function verdict(sim: Simulation, base: StepBaseline, yamlCondition: unknown) {
  const condition = conditionSchema.parse(yamlCondition)
  return compileCondition(condition, base)(new Facts(sim))
}

/** Runs an action word as a scenario would: resolved now, then dispatched. */
function act(sim: Simulation, key: string, params: unknown): void {
  const kind = actionKind(key)
  if (!kind) throw new Error(`no action ${key}`)
  const resolution = kind.resolve(kind.params.parse(params), new Facts(sim), () => 'x')
  if ('error' in resolution) throw new Error(resolution.error)
  for (const action of resolution.actions) sim.dispatch(action)
}

describe('authorized: the API server’s decisions since the step began', () => {
  let sim: Simulation
  let boot: StepBaseline
  let granted: StepBaseline

  beforeAll(() => {
    sim = createSimulation({ seed: 2, nodes: 2 })
    sim.advance(3_000)
    boot = new Facts(sim).baseline()
    sim.kubectl('get pods --as bob')
    sim.kubectl('auth can-i list pods --as bob')
    sim.kubectl('create role pod-reader --verb=get,list,watch --resource=pods')
    sim.kubectl('create rolebinding bob-reads-pods --role=pod-reader --user=bob')
    granted = new Facts(sim).baseline()
    sim.kubectl('get pods --as bob')
  })

  it('sees bob’s 403, with kube-apiserver’s sentence as the reason', () => {
    const denied = { user: 'bob', verb: 'list', resource: 'pods', namespace: 'default', code: 403 }
    const v = verdict(sim, boot, { authorized: { ...denied, review: false } })
    expect(v.met).toBe(true)
    expect(v.why).toContain('User "bob" cannot list resource "pods" in API group ""')
    expect(verdict(sim, granted, { authorized: denied }).met).toBe(false)
  })

  it('tells can-i reviews from requests, and sees the allow after the RoleBinding', () => {
    expect(
      verdict(sim, boot, { authorized: { user: 'bob', review: true, allowed: false, count: 1 } })
        .met,
    ).toBe(true)
    const allowed = { user: 'bob', verb: 'list', resource: 'pods', allowed: true }
    expect(verdict(sim, granted, { authorized: allowed }).met).toBe(true)
    expect(verdict(sim, boot, { authorized: { user: 'alice' } })).toEqual({
      met: false,
      why: 'no such decision in this step yet',
    })
  })

  it('has a default sentence', () => {
    expect(
      describeCondition({ authorized: { user: 'bob', verb: 'list', resource: 'pods', code: 403 } }),
    ).toBe('`bob` is refused (403) to list pods')
  })
})

describe('atRest, encryptionConfig and restart: what etcd holds', () => {
  const KEY = '/registry/secrets/default/db-pass'
  let sim: Simulation
  let base: StepBaseline

  beforeAll(() => {
    sim = createSimulation({ seed: 4, nodes: 1 })
    sim.advance(3_000)
    base = new Facts(sim).baseline()
    sim.kubectl('create secret generic db-pass --from-literal=password=s3cr3t')
  })

  it('sees a Secret stored as it is, then encrypted with aescbc key1 after a restart and rewrite', () => {
    expect(verdict(sim, base, { atRest: { key: KEY, encrypted: false, readable: true } }).met).toBe(
      true,
    )
    act(sim, 'encryptionConfig', aescbc(['key1']))
    act(sim, 'restart', 'kube-apiserver')
    sim.runUntil((s) => s.apiServerStatus()?.ready === true, 10_000)
    // The configuration applies to writes: the stored value is unchanged until rewritten.
    expect(verdict(sim, base, { atRest: { key: KEY, encrypted: true } })).toEqual({
      met: false,
      why: `${KEY} is stored as it is`,
    })
    sim.kubectl('get secrets -A -o json | kubectl replace -f -')
    expect(
      verdict(sim, base, { atRest: { key: '/registry/secrets/*', provider: 'aescbc' } }).met,
    ).toBe(true)
    expect(verdict(sim, base, { atRest: { key: KEY, keyName: 'key2' } }).why).toBe(
      `${KEY} is stored with key key1`,
    )
  })

  it('sees a value the running configuration cannot decrypt', () => {
    // key2 only (same bytes, another name): values written under key1 are unreadable.
    act(sim, 'encryptionConfig', aescbc(['key2']))
    act(sim, 'restart', 'kube-apiserver')
    sim.runUntil((s) => s.apiServerStatus()?.ready === true, 10_000)
    expect(verdict(sim, base, { atRest: { key: KEY, readable: false } }).met).toBe(true)
    expect(verdict(sim, base, { atRest: { key: KEY, readable: true } }).why).toBe(
      `kube-apiserver cannot read ${KEY}`,
    )
  })

  it('rejects an unknown provider and names the key when nothing matches', () => {
    expect(() => conditionSchema.parse({ atRest: { key: KEY, provider: 'rot13' } })).toThrow()
    expect(verdict(sim, base, { atRest: { key: '/registry/secrets/nope/*' } })).toEqual({
      met: false,
      why: 'no such key in etcd',
    })
  })
})
