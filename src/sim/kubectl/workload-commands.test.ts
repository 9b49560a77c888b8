import { describe, expect, it } from 'vitest'
import type { Deployment } from 'kubernetes-types/apps/v1'
import { createSimulation } from '../simulation'
import { BOOT_MS, NGINX_DEPLOYMENT_YAML, podsOf, runningPods } from '../testing/manifests'

const deployment = (sim: ReturnType<typeof createSimulation>) =>
  sim.snapshot().objects.find((o) => o.kind === 'Deployment') as Deployment

const images = (sim: ReturnType<typeof createSimulation>) =>
  runningPods(sim)
    .map((p) => p.spec?.containers[0]?.image)
    .sort()

describe('kubernetes.io nginx-deployment.yaml: apply, roll, undo, scale (kubectl v1.32 texts)', () => {
  const sim = createSimulation({ seed: 11 })
  sim.advance(BOOT_MS)
  const applied = sim.kubectl('apply -f -', NGINX_DEPLOYMENT_YAML)
  const status = sim.kubectl('rollout status deployment/nginx-deployment')

  it('applies, and rollout status follows it to 3 Running Pods of nginx:1.14.2', () => {
    expect(applied.output).toBe('deployment.apps/nginx-deployment created')
    expect(status.exitCode).toBe(0)
    const lines = status.output.split('\n')
    expect(lines[0]).toMatch(/^Waiting for deployment "nginx-deployment" rollout to finish: /)
    expect(lines.at(-1)).toBe('deployment "nginx-deployment" successfully rolled out')
    expect(images(sim)).toEqual(['nginx:1.14.2', 'nginx:1.14.2', 'nginx:1.14.2'])
    expect(sim.kubectl('get deployment nginx-deployment').output).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-deployment\s+3\/3\s+3\s+3\s+\d+s$/,
    )
  })

  it('set image rolls every Pod to nginx:1.16.1 through a new ReplicaSet', () => {
    expect(sim.kubectl('set image deployment/nginx-deployment nginx=nginx:1.16.1').output).toBe(
      'deployment.apps/nginx-deployment image updated',
    )
    const rolled = sim.kubectl('rollout status deployment/nginx-deployment')
    expect(rolled.output).toContain('old replicas are pending termination...')
    expect(rolled.output.split('\n').at(-1)).toBe(
      'deployment "nginx-deployment" successfully rolled out',
    )
    sim.runUntil((s) => podsOf(s).length === 3, 60_000)
    expect(images(sim)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1'])
    expect(deployment(sim).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
    const rs = sim.kubectl('get rs').output.split('\n')
    expect(rs).toHaveLength(3)
    expect(rs.filter((l) => /\s3\s+3\s+3\s/.test(l))).toHaveLength(1)
    expect(rs.filter((l) => /\s0\s+0\s+0\s/.test(l))).toHaveLength(1)
    // Setting the same image again changes nothing and prints nothing.
    expect(sim.kubectl('set image deployment/nginx-deployment nginx=nginx:1.16.1')).toEqual({
      exitCode: 0,
      output: '',
    })
    expect(sim.kubectl('set image deployment/nginx-deployment web=nginx:1.16.1').output).toBe(
      'error: unable to find container named "web"',
    )
  })

  it('history lists both revisions; undo goes back to 1.14.2 as revision 3', () => {
    expect(sim.kubectl('rollout history deployment/nginx-deployment').output).toBe(
      'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n',
    )
    expect(sim.kubectl('rollout undo deployment/nginx-deployment --to-revision=7').output).toBe(
      'error: unable to find specified revision 7 in history',
    )
    expect(sim.kubectl('rollout undo deployment/nginx-deployment').output).toBe(
      'deployment.apps/nginx-deployment rolled back',
    )
    sim.kubectl('rollout status deployment/nginx-deployment')
    sim.runUntil((s) => podsOf(s).length === 3, 60_000)
    expect(images(sim)).toEqual(['nginx:1.14.2', 'nginx:1.14.2', 'nginx:1.14.2'])
    expect(sim.kubectl('rollout history deployment/nginx-deployment').output).toBe(
      'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n',
    )
    expect(sim.kubectl('rollout undo deployment/nginx-deployment --to-revision=3').output).toBe(
      'deployment.apps/nginx-deployment skipped rollback (current template already matches revision 3)',
    )
  })

  it('pause, resume and restart print what v1.32 prints, errors included', () => {
    const run = (line: string) => sim.kubectl(line).output
    expect(run('rollout pause deployment/nginx-deployment')).toBe(
      'deployment.apps/nginx-deployment paused',
    )
    expect(run('rollout pause deployment/nginx-deployment')).toBe(
      'error: deployments.apps "nginx-deployment" is already paused',
    )
    expect(run('rollout restart deployment/nginx-deployment')).toBe(
      `error: deployments.apps "nginx-deployment" can't restart paused deployment (run rollout resume first)`,
    )
    expect(run('rollout resume deployment/nginx-deployment')).toBe(
      'deployment.apps/nginx-deployment resumed',
    )
    expect(run('rollout resume deployment/nginx-deployment')).toBe(
      'error: deployments.apps "nginx-deployment" is not paused',
    )
    expect(run('rollout restart deployment/nginx-deployment')).toBe(
      'deployment.apps/nginx-deployment restarted',
    )
    const template = deployment(sim).spec?.template.metadata?.annotations
    expect(template?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^2025-01-01T\d\d:\d\d:\d\dZ$/)
  })

  it('scale goes through the /scale subresource and the Deployment follows', () => {
    const before = sim.trace.length
    expect(sim.kubectl('scale deployment nginx-deployment --replicas=5').output).toBe(
      'deployment.apps/nginx-deployment scaled',
    )
    const patch = sim.trace
      .slice(before)
      .find((e) => e.type === 'MessageSent' && e.label.startsWith('PATCH'))
    expect(patch?.type === 'MessageSent' && patch.label).toContain(
      '/deployments/nginx-deployment/scale',
    )
    sim.runUntil((s) => runningPods(s).length === 5 && podsOf(s).length === 5, 120_000)
    expect(deployment(sim).status).toMatchObject({ replicas: 5, availableReplicas: 5 })
  }, 60_000)
})

describe('kubectl run and create deployment', () => {
  const sim = createSimulation({ seed: 12 })
  sim.advance(BOOT_MS)

  it('create deployment --dry-run=client -o yaml prints the object kubectl would send', () => {
    expect(
      sim.kubectl('create deployment web --image=nginx:1.27 --replicas=2 --dry-run=client -o yaml')
        .output,
    ).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy: {}',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - image: nginx:1.27',
        '        name: nginx',
        '        resources: {}',
        'status: {}',
      ].join('\n'),
    )
  })

  it('create deployment and run create what they say', () => {
    expect(sim.kubectl('create deployment web --image=nginx:1.27 --replicas=2').output).toBe(
      'deployment.apps/web created',
    )
    expect(sim.kubectl('run client --image=nginx:1.27').output).toBe('pod/client created')
    sim.runUntil((s) => runningPods(s).length === 3, 60_000)
    const names = runningPods(sim).map((p) => p.metadata?.name)
    expect(names).toContain('client')
    expect(runningPods(sim).find((p) => p.metadata?.name === 'client')?.metadata?.labels).toEqual({
      run: 'client',
    })
    expect(sim.kubectl('create deployment web --image=nginx:1.27').output).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists',
    )
  })
})
