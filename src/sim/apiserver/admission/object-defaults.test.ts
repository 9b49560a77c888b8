import type { Deployment } from 'kubernetes-types/apps/v1'
import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../index'
import { BOOT_MS } from '../../testing/manifests'

// What the API server fills in on create, as a v1.32 cluster returns it (core/v1 and apps/v1
// defaults.go, the namespace strategy's PrepareForCreate).

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16 })
  sim.advance(BOOT_MS)
})

function post<T>(path: string, object: T): T {
  const response = sim.request({ method: 'POST', path, body: JSON.stringify(object) })
  expect(response.code).toBe(201)
  return response.body as T
}

const container = {
  name: 'web',
  image: 'nginx:1.27',
  resources: { limits: { cpu: '500m', memory: '128Mi' } },
  livenessProbe: { httpGet: { port: 80 } },
  readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
}

describe('defaulting on create', () => {
  it('a Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s, template Pod defaults', () => {
    const body = post<Deployment>('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'defaults' },
      spec: {
        selector: { matchLabels: { app: 'defaults' } },
        template: { metadata: { labels: { app: 'defaults' } }, spec: { containers: [container] } },
      },
    })
    expect(body.spec).toMatchObject({
      replicas: 1,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
        },
      },
    })
    const templateContainer = body.spec?.template.spec?.containers[0]
    // Requests are copied from limits on Pods only, never in a template (SetDefaults_Pod).
    expect(templateContainer?.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' } })
    expect(templateContainer?.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    })
  })

  it('a Pod: requests from limits, probe defaults, pull policy, service links', () => {
    const body = post<Pod>('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'defaults' },
      spec: { containers: [container] },
    })
    const c = body.spec?.containers[0]
    expect(c?.resources).toEqual({
      limits: { cpu: '500m', memory: '128Mi' },
      requests: { cpu: '500m', memory: '128Mi' },
    })
    expect(c?.readinessProbe).toEqual({
      tcpSocket: { port: 80 },
      timeoutSeconds: 1,
      periodSeconds: 5,
      successThreshold: 1,
      failureThreshold: 3,
    })
    expect(c?.imagePullPolicy).toBe('IfNotPresent')
    expect(body.spec?.enableServiceLinks).toBe(true)
    expect(body.status).toMatchObject({ phase: 'Pending', qosClass: 'Guaranteed' })
  })

  it('a Pod: the ServiceAccount plugin mounts a kube-api-access-xxxxx token volume in each container', () => {
    const body = post<Pod>('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'token' },
      spec: {
        containers: [
          { name: 'a', image: 'nginx:1.27' },
          { name: 'b', image: 'busybox:1.36' },
        ],
      },
    })
    const volume = body.spec?.volumes?.[0]
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(volume?.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
    })
    for (const c of body.spec?.containers ?? [])
      expect(c.volumeMounts).toEqual([
        {
          name: volume?.name,
          readOnly: true,
          mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        },
      ])
    expect(body.spec?.serviceAccountName).toBe('default')
  })

  it('a Pod with automountServiceAccountToken: false gets no token volume', () => {
    const body = post<Pod>('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'no-token' },
      spec: {
        automountServiceAccountToken: false,
        containers: [{ name: 'a', image: 'nginx:1.27' }],
      },
    })
    expect(body.spec?.volumes).toBeUndefined()
    expect(body.spec?.containers[0]?.volumeMounts).toBeUndefined()
  })

  it('a Namespace: the metadata.name label, the kubernetes finalizer, phase Active', () => {
    const body = post<Namespace>('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'prod', labels: { team: 'a' } },
    })
    expect(body.metadata?.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'prod' })
    expect(body.spec).toEqual({ finalizers: ['kubernetes'] })
    expect(body.status).toEqual({ phase: 'Active' })
  })
})
