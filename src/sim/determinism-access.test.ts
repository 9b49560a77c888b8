import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS } from './testing/manifests'

// Determinism of the access and secrets paths (issue 14): token caches, impersonation, RBAC's
// policy index, ServiceAccount tokens and encryption keys and IVs all live in the kernel's state
// or come from the seeded rng, so a seek back or a fork replays them exactly.
const AESGCM = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aesgcm:
          keys:
            - name: key1
              secret: c2VjcmV0IGlzIHNlY3VyZSwgaSB0aGluayBzbyEhISE=
      - identity: {}
`

function accessSession(seed: number): Simulation {
  const sim = createSimulation({ seed })
  sim.advance(BOOT_MS)
  sim.kubectl('get pods --as bob')
  sim.kubectl('create role pod-reader --verb=get,list,watch --resource=pods')
  sim.kubectl('create rolebinding bob-reads-pods --role=pod-reader --user=bob')
  sim.kubectl('create secret generic db-pass --from-literal=password=s3cr3t')
  sim.kubectl('create token default')
  sim.dispatch({ type: 'writeEncryptionConfig', yaml: AESGCM })
  sim.dispatch({ type: 'restartComponent', id: 'kube-apiserver' })
  sim.runUntil((s) => s.apiServerStatus()?.ready === true, 10_000)
  sim.kubectl('get secrets -A -o json | kubectl replace -f -')
  sim.kubectl('--context bob get pods')
  sim.advance(3_000)
  return sim
}

const serialize = (sim: Simulation) =>
  JSON.stringify([sim.trace, sim.etcdGet('/registry/secrets/default/db-pass')])

describe('determinism of authentication, RBAC, Secrets and encryption at rest', () => {
  it('gives the same trace and ciphertext for the same seed and actions', () => {
    const a = accessSession(3)
    expect(a.etcdGet('/registry/secrets/default/db-pass')?.prefix).toBe('k8s:enc:aesgcm:v1:key1:')
    expect(serialize(a)).toBe(serialize(accessSession(3)))
  })

  it('replays to the identical trace and ciphertext after seeking back', () => {
    const sim = accessSession(4)
    const end = sim.nowMs
    const original = serialize(sim)
    for (const back of [end - 1, Math.round(end / 2), BOOT_MS + 5]) {
      sim.seekTo(back)
      sim.seekTo(end)
      expect(serialize(sim)).toBe(original)
    }
  })

  it('forks from a seek without keeping the later bindings', () => {
    const sim = accessSession(5)
    const bound = sim.actions.find((a) => JSON.stringify(a.action).includes('create rolebinding'))
    if (!bound) throw new Error('no rolebinding action')
    sim.seekTo(bound.atMs - 1)
    expect(sim.kubectl('auth can-i list pods --as bob').output).toBe('no')
  })
})
