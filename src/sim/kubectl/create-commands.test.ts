import { beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from '../apiserver/authn/jwt'
import { createSimulation, type Simulation } from '../index'
import { BOOT_MS } from '../testing/manifests'

// kubectl v1.32's generators and what it prints, through the simulated API server. The objects
// the generators build were compared with real kubectl's `--dry-run=client -o yaml`; the files
// (username.txt, password.txt, app.properties) are on the student's laptop (kubectl/state.ts).
let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 3 })
  sim.advance(BOOT_MS)
})

/** `-o yaml` without the fields the server fills (uid, resourceVersion, creationTimestamp). */
const stable = (yaml: string) =>
  yaml
    .split('\n')
    .filter((line) => !/^\s+(uid|resourceVersion|creationTimestamp):/.test(line))
    .join('\n')

describe('kubectl create secret generic', () => {
  it('builds data from literals and files, base64-encoded, and prints what it created', () => {
    expect(
      sim.kubectl('create secret generic db --from-literal=user=admin --from-file=password.txt'),
    ).toEqual({ exitCode: 0, output: 'secret/db created' })
    expect(stable(sim.kubectl('get secret db -o yaml').output)).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  password.txt: czNjcjN0LXA0c3N3MHJk',
        '  user: YWRtaW4=',
        'kind: Secret',
        'metadata:',
        '  name: db',
        '  namespace: default',
        'type: Opaque',
      ].join('\n'),
    )
    expect(sim.kubectl('get secret db').output).toMatch(
      /^NAME {3}TYPE {5}DATA {3}AGE\ndb {5}Opaque {3}2 {6}\d+s$/,
    )
  })

  it('quotes a timestamp in -o yaml as go-yaml does, and has no generation (not tracked for Secrets)', () => {
    const yaml = sim.kubectl('get secret db -o yaml').output
    expect(yaml).toMatch(/\n {2}creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/)
    expect(yaml).not.toContain('generation')
  })

  it('--dry-run=client prints the object without sending it', () => {
    expect(
      sim.kubectl('create secret generic dry --from-literal=a=b --dry-run=client -o yaml').output,
    ).toBe(
      'apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: dry',
    )
    expect(sim.kubectl('get secret dry').output).toBe(
      'Error from server (NotFound): secrets "dry" not found',
    )
  })

  it('reports bad sources and an existing name in kubectl words', () => {
    expect(sim.kubectl('create secret generic bad --from-literal=user')).toEqual({
      exitCode: 1,
      output: 'error: invalid literal source user, expected key=value',
    })
    expect(sim.kubectl('create secret generic f --from-file=nope.txt').output).toBe(
      'error: error reading nope.txt: no such file or directory',
    )
    expect(sim.kubectl('create secret generic db --from-literal=user=admin')).toEqual({
      exitCode: 1,
      output: 'error: failed to create secret secrets "db" already exists',
    })
  })
})

describe('kubectl create configmap, role, rolebinding, serviceaccount, token', () => {
  it('a ConfigMap keeps a file as one multi-line value', () => {
    expect(
      sim.kubectl('create configmap app --from-file=app.properties --from-literal=color=red')
        .output,
    ).toBe('configmap/app created')
    expect(stable(sim.kubectl('get configmap app -o yaml').output)).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  app.properties: |',
        '    mode=production',
        '    color=blue',
        '  color: red',
        'kind: ConfigMap',
        'metadata:',
        '  name: app',
        '  namespace: default',
      ].join('\n'),
    )
  })

  it('a Role from verbs and resources (with a group), and a RoleBinding to a user', () => {
    expect(
      sim.kubectl('create role pod-reader --verb=get,list --resource=pods,deployments.apps').output,
    ).toBe('role.rbac.authorization.k8s.io/pod-reader created')
    expect(sim.kubectl('create role r2 --verb=get --resource=foos').output).toBe(
      'the server doesn\'t have a resource type "foos"',
    )
    expect(sim.kubectl('create rolebinding bob-reads --role=pod-reader --user=bob').output).toBe(
      'rolebinding.rbac.authorization.k8s.io/bob-reads created',
    )
    expect(stable(sim.kubectl('get rolebinding bob-reads -o yaml').output)).toBe(
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        '  name: bob-reads',
        '  namespace: default',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: Role',
        '  name: pod-reader',
        'subjects:',
        '- apiGroup: rbac.authorization.k8s.io',
        '  kind: User',
        '  name: bob',
      ].join('\n'),
    )
    expect(sim.kubectl('auth can-i list deployments.apps --as bob').output).toBe('yes')
  })

  it('a ServiceAccount, and a token for it through the TokenRequest API', () => {
    expect(sim.kubectl('create serviceaccount ci').output).toBe('serviceaccount/ci created')
    const token = sim.kubectl('create token ci --duration=10m')
    expect(token.exitCode).toBe(0)
    const jwt = decodeJwt(token.output)
    const claims = (jwt.ok ? jwt.claims : {}) as { sub?: string; exp?: number; iat?: number }
    expect(claims.sub).toBe('system:serviceaccount:default:ci')
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600)
    expect(sim.kubectl('create token missing').output).toBe(
      'error: failed to create token: serviceaccounts "missing" not found',
    )
  })
})
