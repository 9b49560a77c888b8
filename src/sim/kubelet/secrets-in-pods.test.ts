import type { Pod } from 'kubernetes-types/core/v1'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, podsOf } from '../testing/manifests'

const appPod = (name: string, serviceAccountName = 'default'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    serviceAccountName,
    containers: [
      {
        name: 'app',
        image: 'bitnami/kubectl:1.32',
        env: [
          {
            name: 'DB_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'db-pass', key: 'password' } },
          },
        ],
        envFrom: [{ configMapRef: { name: 'app-config' } }],
        volumeMounts: [{ name: 'creds', mountPath: '/etc/creds', readOnly: true }],
      },
    ],
    volumes: [{ name: 'creds', secret: { secretName: 'db-pass' } }],
  },
})

const phase = (sim: Simulation, name: string) =>
  podsOf(sim).find((p) => p.metadata?.name === name)?.status?.phase

describe('Secrets and ConfigMaps in Pods, and a Pod calling the API', () => {
  const sim = createSimulation({ seed: 12 })
  sim.advance(BOOT_MS)

  it('adds the projected kube-api-access volume as the ServiceAccount admission plugin does', () => {
    sim.kubectl('create secret generic db-pass --from-literal=password=s3cr3t')
    sim.kubectl('create configmap app-config --from-literal=MODE=production')
    sim.kubectl('create serviceaccount reader')
    expect(sim.kubectl('apply -f -', stringify(appPod('app', 'reader'))).output).toBe(
      'pod/app created',
    )
    const pod = podsOf(sim).find((p) => p.metadata?.name === 'app')
    const projected = pod?.spec?.volumes?.find((v) => v.name.startsWith('kube-api-access-'))
    expect(projected?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(projected?.projected?.sources?.[0]?.serviceAccountToken).toEqual({
      expirationSeconds: 3607,
      path: 'token',
    })
    expect(pod?.spec?.containers[0]?.volumeMounts).toContainEqual({
      name: projected?.name,
      readOnly: true,
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    })
  })

  it('mounts the Secret as files and env, decoded', () => {
    sim.runUntil((s) => phase(s, 'app') === 'Running', 30_000)
    expect(sim.kubectl('exec app -- cat /etc/creds/password').output).toBe('s3cr3t')
    const env = sim.kubectl('exec app -- env').output
    expect(env).toContain('DB_PASSWORD=s3cr3t')
    expect(env).toContain('MODE=production')
    expect(sim.kubectl('exec app -- ls /var/run/secrets/kubernetes.io/serviceaccount').output).toBe(
      'ca.crt\nnamespace\ntoken',
    )
  })

  it('the Pod calls the API with its ServiceAccount token: 403 until a RoleBinding grants it', () => {
    expect(sim.kubectl('exec app -- kubectl get pods')).toEqual({
      exitCode: 1,
      output:
        'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:reader" cannot list resource "pods" in API group "" in the namespace "default"\ncommand terminated with exit code 1',
    })
    sim.kubectl('create role pod-reader --verb=get,list --resource=pods')
    sim.kubectl('create rolebinding reader-pods --role=pod-reader --serviceaccount=default:reader')
    const listed = sim.kubectl('exec app -- kubectl get pods')
    expect(listed.exitCode).toBe(0)
    expect(listed.output).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\napp\s+1\/1\s+Running/)
  })

  it('a Pod whose Secret is missing waits in ContainerCreating with FailedMount events', () => {
    const pod = appPod('broken')
    pod.spec = {
      ...pod.spec,
      volumes: [{ name: 'creds', secret: { secretName: 'nope' } }],
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          volumeMounts: [{ name: 'creds', mountPath: '/etc/creds' }],
        },
      ],
    }
    sim.kubectl('apply -f -', stringify(pod))
    sim.advance(5_000)
    expect(phase(sim, 'broken')).toBe('Pending')
    const failed = sim.trace.filter(
      (e) =>
        e.type === 'KubeEventRecorded' && e.reason === 'FailedMount' && e.about.name === 'broken',
    )
    expect(failed.length).toBeGreaterThanOrEqual(2)
    expect(failed[0]?.type === 'KubeEventRecorded' && failed[0].message).toBe(
      'MountVolume.SetUp failed for volume "creds" : secret "nope" not found',
    )
    sim.kubectl('create secret generic nope --from-literal=x=y')
    sim.runUntil((s) => phase(s, 'broken') === 'Running', 60_000)
    expect(phase(sim, 'broken')).toBe('Running')
  })

  it('a Pod naming a ServiceAccount that does not exist is refused by admission', () => {
    expect(sim.kubectl('apply -f -', stringify(appPod('orphan', 'ghost'))).output).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "orphan" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    )
  })
})
