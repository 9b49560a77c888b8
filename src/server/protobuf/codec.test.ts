import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeObject } from '../../sim/apiserver/decoding/decode-object'
import { registeredKind } from '../../sim/apiserver/decoding/go-types'
import { decodeProtobufBody } from './decode-body'
import { encodeObject } from './encode'

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' }
const MAGIC = [0x6b, 0x38, 0x73, 0x00]

// What the real kubectl v1.32 sent for `kubectl create deployment dx --image=nginx --replicas=2`
// (copied from `-v=8`'s "Request Body" hexdump): gogo writes every non-pointer field, so the
// empty strings and zeros of ObjectMeta, DeploymentStrategy and DeploymentStatus are all there.
const KUBECTL_CREATE_DEPLOYMENT = Buffer.from(
  `6b 38 73 00 0a 15 0a 07 61 70 70 73 2f 76 31 12 0a 44 65 70 6c 6f 79 6d 65 6e 74 12 a7 01 0a 1d
   0a 02 64 78 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 5a 09 0a 03 61 70 70 12 02 64 78 12 78 08
   02 12 0b 0a 09 0a 03 61 70 70 12 02 64 78 1a 5f 0a 1b 0a 00 12 00 1a 00 22 00 2a 00 32 00 38 00
   42 00 5a 09 0a 03 61 70 70 12 02 64 78 12 40 12 22 0a 05 6e 67 69 6e 78 12 05 6e 67 69 6e 78 2a
   00 42 00 6a 00 72 00 80 01 00 88 01 00 90 01 00 a2 01 00 1a 00 32 00 42 00 4a 00 52 00 58 00 60
   00 68 00 82 01 00 8a 01 00 9a 01 00 c2 01 00 22 02 0a 00 28 00 38 00 1a 0c 08 00 10 00 18 00 20
   00 28 00 38 00 1a 00 22 00`.replace(/\s/g, ''),
  'hex',
)

function decodeJson(bytes: Uint8Array, target = DEPLOYMENT, method = 'POST'): unknown {
  const decoded = decodeProtobufBody(bytes, target, method)
  if (!decoded.ok) throw new Error(decoded.error.status.message)
  return JSON.parse(decoded.text)
}

function decodeError(bytes: Uint8Array, target = DEPLOYMENT, method = 'POST') {
  const decoded = decodeProtobufBody(bytes, target, method)
  if (decoded.ok) throw new Error(`decoded: ${decoded.text}`)
  return decoded.error
}

/** `k8s\0` + runtime.Unknown{typeMeta: {apiVersion, kind}, raw}: hand-built envelopes. */
function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  const text = (field: number, value: string) => [
    (field << 3) | 2,
    Buffer.byteLength(value),
    ...Buffer.from(value),
  ]
  const typeMeta = [...text(1, apiVersion), ...text(2, kind)]
  return Buffer.from([...MAGIC, 0x0a, typeMeta.length, ...typeMeta, 0x12, raw.length, ...raw])
}

describe('protobuf request bodies', () => {
  it('decodes what kubectl create deployment sends into the JSON the API server decodes', () => {
    // Pointers that are set stay (replicas: 2); Go zero values of non-pointer fields do not.
    expect(decodeJson(KUBECTL_CREATE_DEPLOYMENT)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dx', labels: { app: 'dx' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'dx' } },
        template: {
          metadata: { labels: { app: 'dx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    })
  })

  it('defaults the kind and version from the URL when the envelope leaves them out', () => {
    // typeMeta {} and raw = ObjectMeta{name: "x"}: Serializer.Decode's copyKindDefaults.
    const bytes = envelope('', '', [0x0a, 0x03, 0x0a, 0x01, 0x78])
    expect(decodeJson(bytes)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
    })
  })

  it.each([
    ['an empty body', [], 'empty data (<empty>)'],
    ['only the magic', MAGIC, 'empty body (6b387300)'],
    [
      'JSON',
      [...Buffer.from('{"kind":"Deployment"}')],
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Deployment"})',
    ],
    ['a cut envelope', [...MAGIC, 0x0a, 0x05, 0x0a], 'unexpected EOF (6b3873000a050a)'],
    ['field 0', [...MAGIC, 0x00], 'proto: Unknown: illegal tag 0 (wire type 0) (6b38730000)'],
    [
      'an end group',
      [...MAGIC, 0x0c],
      'proto: Unknown: wiretype end group for non-group (6b3873000c)',
    ],
    [
      'typeMeta as a number',
      [...MAGIC, 0x08, 0x01],
      'proto: wrong wireType = 0 for field TypeMeta (6b3873000801)',
    ],
    [
      'a negative length',
      [...MAGIC, 0x12, ...Array<number>(9).fill(0xff), 0x01],
      'proto: negative length found during unmarshaling (6b38730012ffffffffffffffffff01)',
    ],
    [
      'a varint past 64 bits',
      [...MAGIC, 0x28, ...Array<number>(10).fill(0xff), 0x01],
      'proto: integer overflow (6b38730028ffffffffffffffffffff01)',
    ],
    ['an unknown field of wire type 6', [...MAGIC, 0x2e], 'proto: illegal wireType 6 (6b3873002e)'],
  ])('%s is a 400 with the protobuf serializer words', (_name, bytes, why) => {
    const error = decodeError(Uint8Array.from(bytes))
    expect(error.code).toBe(400)
    expect(error.status.reason).toBe('BadRequest')
    expect(error.status.message).toBe(
      `the object provided is unrecognized (must be of type Deployment): ${why}`,
    )
  })

  it.each([
    [
      'metadata as a number',
      [0x0a, 0x00, 0x08, 0x01],
      'proto: wrong wireType = 0 for field ObjectMeta',
    ],
    ['a name as a number', [0x0a, 0x02, 0x08, 0x01], 'proto: wrong wireType = 0 for field Name'],
    ['a uid as a number', [0x0a, 0x02, 0x28, 0x01], 'proto: wrong wireType = 0 for field UID'],
    ['a cut label', [0x0a, 0x04, 0x5a, 0x02, 0x0a, 0x05], 'unexpected EOF'],
    [
      'a creationTimestamp with field 0',
      [0x0a, 0x03, 0x42, 0x01, 0x00],
      'proto: Timestamp: illegal tag 0 (wire type 0)',
    ],
    [
      'replicas as text',
      [0x12, 0x03, 0x0a, 0x01, 0x32],
      'proto: wrong wireType = 2 for field Replicas',
    ],
  ])('%s in the kind message is a 400 naming the kind', (_name, raw, why) => {
    const error = decodeError(envelope('apps/v1', 'Deployment', raw))
    expect(error.code).toBe(400)
    expect(error.status.message).toBe(
      `Deployment in version "v1" cannot be handled as a Deployment: ${why}`,
    )
  })

  it('regression (property seed 923049606): a group holding field 0 is refused, not thrown', () => {
    // gogo's skipGenerated skips the group; protobufjs refuses it: a 400 in protobufjs' words.
    const error = decodeError(Uint8Array.from([...MAGIC, 0x2b, 0x84, 0x00]))
    expect(error.code).toBe(400)
    expect(error.status.message).toBe(
      'the object provided is unrecognized (must be of type Deployment): illegal tag: field number 0 (6b3873002b8400)',
    )
  })

  it("decodes a DELETE's DeleteOptions, which client-go sends as v1 (kubectl drain)", () => {
    // `kubectl drain --grace-period=7` deleting a Pod: DeleteOptions{gracePeriodSeconds: 7}.
    const target = { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' }
    // The bytes kubectl sent (-v=9): typeMeta {v1, DeleteOptions}, raw 08 07, two empty strings.
    const bytes = Buffer.from(
      '6b3873000a130a027631120d44656c6574654f7074696f6e73120208071a002200',
      'hex',
    )
    expect(decodeJson(bytes, target, 'DELETE')).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 7,
    })
  })

  it("a DELETE's DeleteOptions that does not decode is a 500, as delete.go passes it on", () => {
    const target = { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' }
    const error = decodeError(Uint8Array.from([...MAGIC, 0x0c]), target, 'DELETE')
    expect(error.code).toBe(500)
    expect(error.status.reason ?? '').toBe('')
    expect(error.status.message).toBe('proto: Unknown: wiretype end group for non-group')
  })
})

// Objects as the simulated API server holds them, with no Go zero values in non-pointer fields
// (those are not written back): each encodes to protobuf and decodes to itself.
const ROUND_TRIPS: [string, Record<string, unknown>][] = [
  [
    'a Pod: quantities, IntOrString ports, inlined volume sources and probe handlers, pointers at zero',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: '0b0c',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2025-01-01T00:00:05Z',
        deletionGracePeriodSeconds: 0,
        labels: { app: 'web' },
        annotations: { note: 'ü' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true },
        ],
      },
      spec: {
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0' } },
            livenessProbe: {
              httpGet: { path: '/', port: 'http', scheme: 'HTTP' },
              periodSeconds: 10,
            },
            readinessProbe: { tcpSocket: { port: 80 }, failureThreshold: 3 },
            securityContext: { runAsUser: 0, privileged: false },
            env: [
              { name: 'A', value: 'b' },
              { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: false } } },
            ],
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
          { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
        ],
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
      },
      status: {
        phase: 'Running',
        startTime: '2025-01-01T00:00:06Z',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:07Z' }],
      },
    },
  ],
  [
    'a Deployment with replicas 0 and a percentage surge',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {
        replicas: 0,
        revisionHistoryLimit: 10,
        selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } },
      },
    },
  ],
  [
    'a Secret: []byte values as base64, and stringData',
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'Opaque',
      immutable: false,
      data: { bin: Buffer.from([0, 255, 10]).toString('base64'), text: 'aGk=' },
      stringData: { more: 'x' },
    },
  ],
  [
    'a Job with backoffLimit 0 and suspend false',
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: {
        backoffLimit: 0,
        suspend: false,
        template: {
          spec: { restartPolicy: 'Never', containers: [{ name: 'c', command: ['true'] }] },
        },
      },
    },
  ],
  [
    'a Lease: MicroTime keeps microseconds',
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease' },
      spec: {
        holderIdentity: 'node-1',
        leaseDurationSeconds: 40,
        renewTime: '2025-01-01T00:00:10.123456Z',
      },
    },
  ],
  [
    'a SelfSubjectAccessReview (authorization.k8s.io)',
    {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } },
    },
  ],
  [
    'a TokenRequest',
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: {},
      spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3600 },
    },
  ],
]

describe('protobuf round trips', () => {
  it.each(ROUND_TRIPS)('%s', (_name, object) => {
    const bytes = encodeObject(object)
    expect([...(bytes ?? new Uint8Array()).subarray(0, 4)]).toEqual(MAGIC)
    const [group, version] = (object['apiVersion'] as string).includes('/')
      ? (object['apiVersion'] as string).split('/')
      : ['', object['apiVersion'] as string]
    const target = { group: group ?? '', version: version ?? '', kind: object['kind'] as string }
    const decoded = decodeJson(bytes ?? new Uint8Array(), target) as Record<string, unknown>
    // An empty ObjectMeta is a Go zero value: not written back.
    const expected = { ...object }
    if (JSON.stringify(expected['metadata']) === '{}') delete expected['metadata']
    expect(decoded).toEqual(expected)
  })

  it('has no protobuf form for a kind outside the schema (a Table)', () => {
    expect(encodeObject({ apiVersion: 'meta.k8s.io/v1', kind: 'Table', rows: [] })).toBeUndefined()
  })
})

describe('protobuf bodies, property', () => {
  const kind = registeredKind('apps', 'v1', 'Deployment')
  // Random bytes, random bytes after the magic, and kubectl's body with bytes changed: whatever
  // arrives is decoded or refused with a 400 Status, and what decodes the JSON path decodes.
  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([...MAGIC, ...tail])),
    fc
      .array(
        fc.tuple(fc.nat(KUBECTL_CREATE_DEPLOYMENT.length - 1), fc.integer({ min: 0, max: 255 })),
        {
          minLength: 1,
          maxLength: 4,
        },
      )
      .map((changes) => {
        const bytes = Uint8Array.from(KUBECTL_CREATE_DEPLOYMENT)
        for (const [at, value] of changes) bytes[at] = value
        return bytes
      }),
  )

  /** What the API server makes of a body: decoded (on to validation), or an error Status. */
  function outcome(bytes: Uint8Array): string {
    const decoded = decodeProtobufBody(bytes, DEPLOYMENT, 'POST')
    if (!decoded.ok) return `${decoded.error.code} ${decoded.error.status.reason ?? ''}`
    if (!kind) throw new Error('Deployment is not registered')
    const json = decodeObject(decoded.text, kind, 'Strict')
    return json.ok ? 'decoded' : `${json.error.code} ${json.error.status.reason ?? ''}`
  }

  it('never throws; a body that decodes is a JSON object the API server decodes or refuses', () => {
    fc.assert(
      fc.property(bodies, (bytes) => {
        expect(['decoded', '400 BadRequest']).toContain(outcome(bytes))
      }),
      { numRuns: 500 },
    )
  })
})
