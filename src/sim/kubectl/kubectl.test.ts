import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS, makePodManifest, runningPods } from '../testing/manifests'

describe('kubectl through the simulated API server', () => {
  const sim = createSimulation({ seed: 9 })
  sim.advance(BOOT_MS)

  it('prints the nodes as kubectl get nodes does', () => {
    expect(sim.kubectl('get nodes').output).toBe(
      [
        'NAME     STATUS   ROLES    AGE   VERSION',
        'node-1   Ready    <none>   3s    v1.32.0',
        'node-2   Ready    <none>   3s    v1.32.0',
        'node-3   Ready    <none>   3s    v1.32.0',
      ].join('\n'),
    )
  })

  it('says there is nothing yet', () => {
    expect(sim.kubectl('get pods')).toEqual({
      exitCode: 0,
      output: 'No resources found in default namespace.',
    })
  })

  it('applies: created, then unchanged, then configured', () => {
    const manifest = makePodManifest('web').yaml()
    expect(sim.kubectl('apply -f -', manifest).output).toBe('pod/web created')
    expect(sim.kubectl('apply -f -', manifest).output).toBe('pod/web unchanged')
    expect(
      sim.kubectl('apply -f -', makePodManifest('web').image('nginx:1.28').yaml()).output,
    ).toBe('pod/web configured')
    expect(sim.kubectl('create -f -', manifest).output).toBe(
      'Error from server (AlreadyExists): error when creating "STDIN": pods "web" already exists',
    )
  })

  it('applies the items of a kind: List, as kubectl get -o yaml prints several objects', () => {
    const list = stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [makePodManifest('listed-a').obj(), makePodManifest('listed-b').obj()],
    })
    expect(sim.kubectl('apply -f -', list).output).toBe(
      'pod/listed-a created\npod/listed-b created',
    )
    expect(sim.kubectl('delete pod listed-a listed-b').exitCode).toBe(0)
  })

  it('lists a running pod with its node and IP', () => {
    sim.runUntil((s) => runningPods(s).length === 1, 30_000)
    const wide = sim.kubectl('get pods -o wide').output.split('\n')
    expect(wide[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    )
    expect(wide[1]).toMatch(
      /^web\s+1\/1\s+Running\s+0\s+\d+s\s+10\.244\.\d\.\d+\s+node-\d\s+<none>\s+<none>$/,
    )
    expect(sim.kubectl('get pod web -o name').output).toBe('pod/web')
    expect(sim.kubectl('get pods -A').output).toMatch(/^NAMESPACE\s+NAME\s+READY/)
  })

  it('describes a pod with its events, as kubectl describe does', () => {
    const text = sim.kubectl('describe pod web').output
    expect(text).toMatch(/^Name:\s+web\nNamespace:\s+default\n/)
    expect(text).toMatch(/Node:\s+node-\d\/10\.0\.0\.\d+/)
    expect(text).toMatch(/Status:\s+Running/)
    expect(text).toMatch(/QoS Class:\s+BestEffort/)
    expect(text).toMatch(
      /Normal\s+Scheduled\s+\d+s\s+default-scheduler\s+Successfully assigned default\/web to node-\d/,
    )
    expect(text).toMatch(/Normal\s+Started\s+\d+s\s+kubelet\s+Started container web/)
  })

  it('reports unknown resources and objects as kubectl does', () => {
    expect(sim.kubectl('get widgets')).toEqual({
      exitCode: 1,
      output: 'error: the server doesn\'t have a resource type "widgets"',
    })
    expect(sim.kubectl('get pod nope')).toEqual({
      exitCode: 1,
      output: 'Error from server (NotFound): pods "nope" not found',
    })
    expect(sim.kubectl('delete pod nope').output).toBe(
      'Error from server (NotFound): pods "nope" not found',
    )
    expect(sim.kubectl('frobnicate').output).toBe(
      'error: unknown command "frobnicate" for "kubectl"',
    )
  })

  it('shows a deleted pod Terminating until the kubelet has stopped it', () => {
    expect(sim.kubectl('delete pod web').output).toBe('pod "web" deleted')
    expect(sim.kubectl('get pods').output).toMatch(/web\s+1\/1\s+Terminating/)
    sim.advance(5_000)
    expect(sim.kubectl('get pods').output).toBe('No resources found in default namespace.')
  })
})
