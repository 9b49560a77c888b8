import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageOfKind } from './protobuf/encode'
import { messageType, unknownType } from './protobuf/schema'
import { messageJson } from './protobuf/to-json'
import { probeKubectlV132, servedKubectl } from './testing/served-kubectl'

/**
 * The real kubectl v1.32's typed commands against `npm run serve`: `kubectl create namespace|
 * deployment|configmap|secret|service|job|role|rolebinding|serviceaccount|…`, `create token`,
 * `auth can-i|whoami` and `drain` send `application/vnd.kubernetes.protobuf` bodies (seen with
 * -v=8). Each prints what kubectl prints against a v1.32 cluster, and what is stored is what the
 * same object sent as JSON (`--dry-run=client -o json | kubectl create -f -`) becomes.
 */

const hasKubectl = probeKubectlV132().ok
if (!hasKubectl) console.warn('SKIPPED the kubectl protobuf transcript: no kubectl v1.32 on PATH')

const cluster = servedKubectl('kcv-protobuf-', { seed: 3, nodes: 2, etcdMembers: 1 })
const { kubectl, kubectlWithInput } = cluster

async function getJson(...args: string[]): Promise<Record<string, unknown>> {
  const run = await kubectl('get', ...args, '-o', 'json')
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Record<string, unknown>
}

/**
 * What was stored, without what differs between two creations: identity, times, allocations,
 * and the status (the controllers' progress, not the request's).
 */
function comparable(object: Record<string, unknown>, namespace: string): string {
  const {
    metadata,
    status: _status,
    ...rest
  } = object as {
    metadata: Record<string, unknown>
    status?: unknown
  }
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, namespace: _n, ...meta } = metadata
  return JSON.stringify({ metadata: meta, ...rest })
    .replaceAll(namespace, '<ns>')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/"10\.\d+\.\d+\.\d+"/g, '"<ip>"')
}

interface RawResponse {
  status: number
  contentType: string
  body: Buffer
}

/** One request with the admin's client certificate, as kubectl would send it. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Uint8Array) {
  const pki = join(cluster.dir, 'pki')
  const url = new URL(path, cluster.server.url)
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers,
        ca: readFileSync(join(pki, 'ca.crt')),
        cert: readFileSync(join(pki, 'admin.crt')),
        key: readFileSync(join(pki, 'admin.key')),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks),
          })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf'

/** A protobuf response (`k8s\0`, runtime.Unknown, the object's message) as JSON. */
function protobufJson(bytes: Uint8Array): unknown {
  expect([...bytes.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
  const unknown = unknownType().decode(bytes.subarray(4)) as unknown as {
    typeMeta: { apiVersion: string; kind: string }
    raw: Uint8Array
  }
  const { apiVersion, kind } = unknown.typeMeta
  const message = messageOfKind(apiVersion, kind)
  if (!message) throw new Error(`no message for ${apiVersion} ${kind}`)
  const object = messageJson(message, message.decode(unknown.raw))
  return { apiVersion, kind, ...(object as object) }
}

describe.skipIf(!hasKubectl)('the real kubectl v1.32 sends protobuf', { timeout: 120_000 }, () => {
  beforeAll(cluster.start, 60_000)
  afterAll(cluster.stop)

  it('create namespace: created, with its defaults', async () => {
    const run = await kubectl('create', 'namespace', 'shop')
    expect(run).toEqual({ code: 0, stdout: 'namespace/shop created\n', stderr: '' })
    const namespace = await getJson('namespace', 'shop')
    expect(namespace).toMatchObject({
      metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })
  })

  it('create deployment --image --replicas: created and defaulted as v1.32 does', async () => {
    const run = await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3')
    expect(run).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' })
    const deployment = await getJson('deployment', 'web')
    expect(deployment).toMatchObject({
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        progressDeadlineSeconds: 600,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
        template: {
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.27',
                imagePullPolicy: 'IfNotPresent',
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
              },
            ],
            restartPolicy: 'Always',
            dnsPolicy: 'ClusterFirst',
            schedulerName: 'default-scheduler',
            terminationGracePeriodSeconds: 30,
          },
        },
      },
    })
  })

  it('create deployment --replicas=0 keeps the zero (a pointer set to 0 is not "unset")', async () => {
    const run = await kubectl('create', 'deployment', 'idle', '--image=nginx', '--replicas=0')
    expect(run.stdout).toBe('deployment.apps/idle created\n')
    expect(await getJson('deployment', 'idle')).toMatchObject({ spec: { replicas: 0 } })
  })

  it('create configmap --from-literal and secret generic', async () => {
    const configMap = await kubectl(
      'create',
      'configmap',
      'cfg',
      '--from-literal=a=1',
      '--from-literal=b=two',
    )
    expect(configMap).toEqual({ code: 0, stdout: 'configmap/cfg created\n', stderr: '' })
    expect(await getJson('configmap', 'cfg')).toMatchObject({ data: { a: '1', b: 'two' } })
    const secret = await kubectl(
      'create',
      'secret',
      'generic',
      'creds',
      '--from-literal=user=admin',
    )
    expect(secret).toEqual({ code: 0, stdout: 'secret/creds created\n', stderr: '' })
    expect(await getJson('secret', 'creds')).toMatchObject({
      type: 'Opaque',
      data: { user: Buffer.from('admin').toString('base64') },
    })
  })

  it('create service clusterip: created, ports and ClusterIP fields defaulted', async () => {
    const run = await kubectl('create', 'service', 'clusterip', 'web', '--tcp=80:8080')
    expect(run).toEqual({ code: 0, stdout: 'service/web created\n', stderr: '' })
    const service = (await getJson('service', 'web')) as { spec: { clusterIP: string } }
    expect(service).toMatchObject({
      spec: {
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      },
    })
    // From the default service CIDR, 10.96.0.0/12.
    expect(service.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/)
  })

  it('create job, role, rolebinding, serviceaccount', async () => {
    expect(await kubectl('create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi')).toEqual({
      code: 0,
      stdout: 'job.batch/hello created\n',
      stderr: '',
    })
    expect(await getJson('job', 'hello')).toMatchObject({
      spec: {
        backoffLimit: 6,
        completions: 1,
        parallelism: 1,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'hello', command: ['echo', 'hi'] }],
          },
        },
      },
    })
    const role = await kubectl('create', 'role', 'reader', '--verb=get,list', '--resource=pods')
    expect(role.stdout).toBe('role.rbac.authorization.k8s.io/reader created\n')
    expect(await getJson('role', 'reader')).toMatchObject({
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    })
    const binding = await kubectl(
      'create',
      'rolebinding',
      'bob-reads',
      '--role=reader',
      '--user=bob',
    )
    expect(binding.stdout).toBe('rolebinding.rbac.authorization.k8s.io/bob-reads created\n')
    expect(await getJson('rolebinding', 'bob-reads')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
    })
    const account = await kubectl('create', 'serviceaccount', 'robot')
    expect(account).toEqual({ code: 0, stdout: 'serviceaccount/robot created\n', stderr: '' })
  })

  it('create clusterrole, clusterrolebinding, priorityclass', async () => {
    const role = await kubectl(
      'create',
      'clusterrole',
      'node-reader',
      '--verb=get',
      '--resource=nodes',
    )
    expect(role.stdout).toBe('clusterrole.rbac.authorization.k8s.io/node-reader created\n')
    const binding = await kubectl(
      'create',
      'clusterrolebinding',
      'bob-nodes',
      '--clusterrole=node-reader',
      '--user=bob',
    )
    expect(binding.stdout).toBe('clusterrolebinding.rbac.authorization.k8s.io/bob-nodes created\n')
    const priority = await kubectl(
      'create',
      'priorityclass',
      'high',
      '--value=1000',
      '--description=first',
    )
    expect(priority.stdout).toBe('priorityclass.scheduling.k8s.io/high created\n')
    expect(await getJson('priorityclass', 'high')).toMatchObject({
      value: 1000,
      description: 'first',
      preemptionPolicy: 'PreemptLowerPriority',
    })
  })

  it('a protobuf body and the same object as JSON are stored alike', async () => {
    for (const namespace of ['via-protobuf', 'via-json'])
      await kubectl('create', 'namespace', namespace)
    const commands = [
      ['deployment', 'api', '--image=nginx', '--replicas=2', '--port=80'],
      ['service', 'nodeport', 'api', '--tcp=80:8080'],
      ['configmap', 'api', '--from-literal=k=v'],
      ['role', 'api', '--verb=get', '--resource=configmaps'],
    ]
    for (const command of commands) {
      const created = await kubectl('create', '-n', 'via-protobuf', ...command)
      expect(created.stderr).toBe('')
      const manifest = await kubectl(
        'create',
        '-n',
        'via-json',
        ...command,
        '--dry-run=client',
        '-o',
        'json',
      )
      expect(
        (await kubectlWithInput(manifest.stdout, 'create', '-n', 'via-json', '-f', '-')).stderr,
      ).toBe('')
      const resource = command[0] === 'service' ? 'service' : (command[0] ?? '')
      const name = command[0] === 'service' ? 'api' : (command[1] ?? '')
      const viaProtobuf = await getJson('-n', 'via-protobuf', resource, name)
      const viaJson = await getJson('-n', 'via-json', resource, name)
      const nodePorts = /"nodePort":\d+/g
      expect(comparable(viaProtobuf, 'via-protobuf').replace(nodePorts, '')).toBe(
        comparable(viaJson, 'via-json').replace(nodePorts, ''),
      )
    }
  })

  it('create token, auth can-i and auth whoami send reviews in protobuf', async () => {
    const token = await kubectl('create', 'token', 'robot')
    expect(token.stderr).toBe('')
    // kubectl prints the token without a newline (create_token.go: fmt.Fprint).
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(await kubectl('auth', 'can-i', 'create', 'pods')).toEqual({
      code: 0,
      stdout: 'yes\n',
      stderr: '',
    })
    expect((await kubectl('auth', 'can-i', 'list', 'pods', '--as=bob')).stdout).toBe('yes\n')
    const denied = await kubectl('auth', 'can-i', 'delete', 'pods', '--as=bob')
    expect([denied.code, denied.stdout]).toEqual([1, 'no\n'])
    const whoami = await kubectl('auth', 'whoami')
    expect(whoami.stdout).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    )
  })

  it('drain deletes Pods with protobuf DeleteOptions', async () => {
    const pod = await kubectl(
      'run',
      'lonely',
      '--image=nginx',
      '--overrides={"spec":{"nodeName":"node-1"}}',
    )
    expect(pod.stdout).toBe('pod/lonely created\n')
    const drain = await kubectl(
      'drain',
      'node-1',
      '--force',
      '--ignore-daemonsets',
      '--grace-period=1',
    )
    expect(drain.code).toBe(0)
    expect(drain.stdout).toMatch(/^node\/node-1 cordoned\n/)
    expect(drain.stdout).toMatch(/^pod\/lonely deleted$/m)
    expect(drain.stdout).toMatch(/node\/node-1 drained\n$/)
    expect((await kubectl('uncordon', 'node-1')).stdout).toBe('node/node-1 uncordoned\n')
  })

  it('a malformed protobuf body is a 400 Status, in the protobuf serializer words', async () => {
    const headers = { 'Content-Type': PROTOBUF, Accept: 'application/json' }
    const response = await raw('POST', '/api/v1/namespaces', headers, Buffer.from('k8s\0\x0a\x05'))
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body.toString())).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message:
        'the object provided is unrecognized (must be of type Namespace): unexpected EOF (6b3873000a05)',
    })
  })

  it('random bytes never crash the server: each gets a 4xx Status', async () => {
    const headers = { 'Content-Type': PROTOBUF, Accept: 'application/json' }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 48 }),
          fc
            .uint8Array({ maxLength: 48 })
            .map((tail) => Buffer.concat([Buffer.from('k8s\0'), tail])),
        ),
        async (bytes) => {
          const response = await raw(
            'POST',
            '/api/v1/namespaces/default/configmaps',
            headers,
            bytes,
          )
          expect(response.status).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
          expect(JSON.parse(response.body.toString())).toMatchObject({ kind: 'Status' })
        },
      ),
      { numRuns: 40 },
    )
    expect((await kubectl('get', 'namespace', 'default', '-o', 'name')).stdout).toBe(
      'namespace/default\n',
    )
  })

  it('answers in protobuf a client that accepts only protobuf, and refuses a protobuf Table', async () => {
    const json = await raw('GET', '/api/v1/namespaces/default', { Accept: 'application/json' })
    const proto = await raw('GET', '/api/v1/namespaces/default', { Accept: PROTOBUF })
    expect(proto.status).toBe(200)
    expect(proto.contentType).toBe(PROTOBUF)
    expect(protobufJson(proto.body)).toEqual(JSON.parse(json.body.toString()))
    const missing = await raw('GET', '/api/v1/namespaces/nowhere', { Accept: PROTOBUF })
    expect(missing.status).toBe(404)
    expect(protobufJson(missing.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'namespaces "nowhere" not found',
    })
    const table = await raw('GET', '/api/v1/namespaces', {
      Accept: `${PROTOBUF};as=Table;v=v1;g=meta.k8s.io`,
    })
    expect(table.status).toBe(406)
    expect(JSON.parse(table.body.toString())).toMatchObject({
      reason: 'NotAcceptable',
      message:
        'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    })
  })

  it('streams a protobuf watch as length-prefixed WatchEvent frames', async () => {
    const watch = await raw('GET', '/api/v1/namespaces?watch=1&timeoutSeconds=1', {
      Accept: PROTOBUF,
    })
    expect(watch.contentType).toBe(`${PROTOBUF};stream=watch`)
    const event = messageType('k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent')
    const length = watch.body.readUInt32BE(0)
    const first = event?.decode(watch.body.subarray(4, 4 + length)) as unknown as {
      type: string
      object: { raw: Uint8Array }
    }
    expect(first.type).toBe('ADDED')
    expect(protobufJson(first.object.raw)).toMatchObject({ kind: 'Namespace' })
  })
})
