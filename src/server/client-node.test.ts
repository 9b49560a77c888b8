import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CoreV1Api, KubeConfig, V1Pod, Watch } from '@kubernetes/client-node'
import type { Pod } from 'kubernetes-types/core/v1'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './serve'

// @kubernetes/client-node (the official JavaScript client) against `npm run serve`, with the
// kubeconfig the server writes: TLS to the generated CA, a client certificate for the user.
let server: RunningServer
let dir: string
let api: CoreV1Api
let config: KubeConfig

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcv-client-node-'))
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    viewerPort: 0,
    dir,
    sim: { seed: 2, nodes: 2, etcdMembers: 3 },
    speed: 4,
    followMessages: false,
    bootMs: 3_000,
  })
  config = new KubeConfig()
  config.loadFromFile(server.kubeconfig)
  api = config.makeApiClient(CoreV1Api)
}, 60_000)

afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

// A plain object (kubernetes-types), as JSON from a manifest would be; the client serializes it.
const podNamed = (name: string): V1Pod => {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'client-node' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  }
  return Object.assign(new V1Pod(), pod)
}

describe('@kubernetes/client-node against the served simulation', { timeout: 60_000 }, () => {
  it('lists nodes and namespaces', async () => {
    const nodes = await api.listNode()
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-1', 'node-2'])
    const namespaces = await api.listNamespace()
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ])
  })

  it('creates a Pod, sees it in the list, and watches it get scheduled and run', async () => {
    const events: { type: string; node?: string; phase?: string }[] = []
    let running!: () => void
    const ran = new Promise<void>((resolve) => {
      running = resolve
    })
    const watch = await new Watch(config).watch(
      '/api/v1/namespaces/default/pods',
      { labelSelector: 'app=client-node' },
      (type, object: V1Pod) => {
        events.push({
          type,
          ...(object.spec?.nodeName !== undefined ? { node: object.spec.nodeName } : {}),
          ...(object.status?.phase !== undefined ? { phase: object.status.phase } : {}),
        })
        if (object.status?.phase === 'Running') running()
      },
      () => undefined,
    )
    const created = await api.createNamespacedPod({ namespace: 'default', body: podNamed('cn') })
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent')

    const list = await api.listNamespacedPod({
      namespace: 'default',
      labelSelector: 'app=client-node',
    })
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['cn'])

    await ran
    watch.abort()
    expect(events[0]).toEqual({ type: 'ADDED', phase: 'Pending' })
    expect(events.some((e) => e.type === 'MODIFIED' && e.node?.startsWith('node-'))).toBe(true)
    expect(events.at(-1)?.phase).toBe('Running')
  })

  it('gets the API server error as an ApiException with the Status body', async () => {
    await expect(
      api.readNamespacedPod({ name: 'missing', namespace: 'default' }),
    ).rejects.toMatchObject({ code: 404 })
    await expect(
      api.createNamespacedPod({ namespace: 'default', body: podNamed('cn') }),
    ).rejects.toMatchObject({ code: 409 })
  })
})
