import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'

// Encryption at rest end to end: kubectl → API server → etcd, looked at with the etcd inspector.
const KEY1 = 'c2VjcmV0IGlzIHNlY3VyZSwgaSB0aGluayBzbyEhISE=' // 32 bytes
const KEY2 = 'dGhpcyBpcyB0aGUgbmV3IGtleSBmb3Igcm90YXRpb24=' // 32 bytes

const config = (keys: [string, string][]) => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
${keys.map(([name, secret]) => `            - name: ${name}\n              secret: ${secret}`).join('\n')}
      - identity: {}
`

function applyConfig(sim: Simulation, yaml: string): void {
  sim.dispatch({ type: 'writeEncryptionConfig', yaml })
  sim.dispatch({ type: 'restartComponent', id: 'kube-apiserver' })
  sim.runUntil((s) => s.apiServerStatus()?.ready === true, 10_000)
}

describe('Secrets encryption at rest', () => {
  const sim = createSimulation({ seed: 8 })
  sim.advance(BOOT_MS)
  const KEY = '/registry/secrets/default/db-pass'

  it('without encryption etcd holds the Secret readable, data only base64-encoded', () => {
    expect(sim.kubectl('create secret generic db-pass --from-literal=password=s3cr3t').output).toBe(
      'secret/db-pass created',
    )
    const view = sim.etcdGet(KEY)
    expect(view?.prefix).toBeUndefined()
    expect(view?.etcdctl).toContain('"password":"czNjcjN0"')
    expect(view?.secretData).toEqual({ password: 's3cr3t' })
    expect(view?.read).toMatchObject({ ok: true, provider: 'identity' })
  })

  it('after enabling aescbc and restarting the API server, new writes are ciphertext', () => {
    applyConfig(sim, config([['key1', KEY1]]))
    // The old value is still plaintext until something rewrites it.
    expect(sim.etcdGet(KEY)?.prefix).toBeUndefined()
    expect(sim.kubectl('get secrets -A -o json | kubectl replace -f -').output).toMatch(
      /secret\/db-pass replaced/,
    )
    const view = sim.etcdGet(KEY)
    expect(view?.prefix).toBe('k8s:enc:aescbc:v1:key1:')
    expect(view?.etcdctl.startsWith(`${KEY}\nk8s:enc:aescbc:v1:key1:\\x`)).toBe(true)
    expect(view?.etcdctl).not.toContain('czNjcjN0')
    expect(view?.read).toMatchObject({ ok: true, provider: 'aescbc key1', stale: false })
    expect(sim.kubectl('get secret db-pass -o jsonpath').exitCode).toBe(1)
    expect(sim.kubectl('get secret db-pass -o yaml').output).toContain('password: czNjcjN0')
  })

  it('rotation: key2 first keeps key1 readable; a rewrite moves values to key2', () => {
    applyConfig(
      sim,
      config([
        ['key2', KEY2],
        ['key1', KEY1],
      ]),
    )
    expect(sim.etcdGet(KEY)?.read).toMatchObject({ ok: true, provider: 'aescbc key1', stale: true })
    sim.kubectl('get secrets -A -o json | kubectl replace -f -')
    expect(sim.etcdGet(KEY)?.prefix).toBe('k8s:enc:aescbc:v1:key2:')
    applyConfig(sim, config([['key2', KEY2]]))
    expect(sim.kubectl('get secret db-pass').exitCode).toBe(0)
  })

  it('removing a key still in use makes those Secrets unreadable, with the server error', () => {
    sim.kubectl('create secret generic other --from-literal=a=b')
    applyConfig(sim, config([['key1', KEY1]]))
    expect(sim.kubectl('get secret db-pass').output).toBe(
      'Error from server (InternalError): Internal error occurred: unable to transform key "/registry/secrets/default/db-pass": no matching prefix found',
    )
    expect(sim.kubectl('get secrets').exitCode).toBe(1)
  })

  it('a malformed configuration makes kube-apiserver exit at restart; kubectl is refused', () => {
    sim.dispatch({ type: 'writeEncryptionConfig', yaml: config([['key1', 'c2hvcnQ=']]) })
    sim.dispatch({ type: 'restartComponent', id: 'kube-apiserver' })
    expect(sim.apiServerStatus()).toMatchObject({
      running: false,
      startError:
        'Error: error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 5, expected one of [16 24 32]',
    })
    expect(sim.kubectl('get pods').output).toBe(
      'The connection to the server control-plane:6443 was refused - did you specify the right host or port?',
    )
  })
})

describe('aesgcm binds a value to its etcd key', () => {
  it('reads fine where it was written, fails when copied under another key', () => {
    const sim = createSimulation({ seed: 9 })
    sim.advance(BOOT_MS)
    sim.dispatch({
      type: 'writeEncryptionConfig',
      yaml: config([['key1', KEY1]]).replace('aescbc', 'aesgcm'),
    })
    sim.dispatch({ type: 'restartComponent', id: 'kube-apiserver' })
    sim.runUntil((s) => s.apiServerStatus()?.ready === true, 10_000)
    sim.kubectl('create secret generic a --from-literal=k=v')
    const key = '/registry/secrets/default/a'
    expect(sim.etcdGet(key)?.prefix).toBe('k8s:enc:aesgcm:v1:key1:')
    expect(sim.etcdReadAs(key, '/registry/secrets/default/b')).toEqual({
      ok: false,
      error:
        'unable to transform key "/registry/secrets/default/b": cipher: message authentication failed',
    })
  })
})
