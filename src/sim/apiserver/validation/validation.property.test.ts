import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../index'
import { storedObjectProblems } from '../../testing/malformed-check'

/**
 * Pods, Deployments and Services put together from the pieces §1 validates, each piece valid or not: the API
 * server answers 201 or a 422 Invalid Status whose message lists its causes, never crashes, and
 * never stores an object its own validation rejects.
 */

const BOOTED_AT_MS = 5_000
const BATCH = 40

/** Mostly a valid value, sometimes one of the mistakes: so both answers are exercised. */
function mostly<T>(valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  )
}

const name = mostly(
  ['web', 'sidecar', 'a-very-long-container-name-that-is-fine'],
  ['web.app', 'Web', ''],
)
const quantity = mostly(['100m', '1', '64Mi', '0'], ['-1', '-64Mi'])
const port = fc.record(
  {
    name: mostly(['http', 'metrics'], ['metrics-endpoint-http', 'HTTP', '80', 'a--b']),
    containerPort: mostly([80, 8080], [0, 70000, -1]),
    protocol: mostly(['TCP', 'UDP'], ['HTTP']),
  },
  { requiredKeys: ['containerPort'] },
)
const probe = fc.oneof(
  { weight: 12, arbitrary: fc.record({ tcpSocket: fc.record({ port: fc.constant(80) }) }) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        httpGet: fc.record({ port: fc.constantFrom(80, 0, 'http', 'not_a_port') }),
        tcpSocket: fc.record({ port: fc.constantFrom(80, 70000) }),
        periodSeconds: fc.integer({ min: -2, max: 20 }),
        successThreshold: fc.integer({ min: -1, max: 3 }),
        timeoutSeconds: fc.integer({ min: -1, max: 5 }),
      },
      { requiredKeys: [] },
    ),
  },
)
const container = fc.record(
  {
    name,
    image: mostly(['nginx:1.27'], ['']),
    imagePullPolicy: mostly(['Always', 'IfNotPresent', 'Never'], ['Sometimes']),
    ports: fc.array(port, { maxLength: 2 }),
    resources: fc.record(
      {
        requests: fc.dictionary(mostly(['cpu', 'memory'], ['gpu']), quantity, { maxKeys: 2 }),
        limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), quantity, { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
    livenessProbe: probe,
    readinessProbe: probe,
  },
  { requiredKeys: ['name', 'image'] },
)
const toleration = fc.record(
  {
    key: mostly(['gpu'], ['', 'bad key']),
    operator: mostly(['Equal'], ['Exists', 'In']),
    value: mostly(['true', ''], ['not valid!']),
    effect: mostly(['NoSchedule', 'NoExecute'], ['NoRun']),
    tolerationSeconds: fc.constantFrom(0, 60),
  },
  { requiredKeys: ['key'] },
)
const requirement = fc.record({
  key: mostly(['zone'], ['disk type']),
  operator: mostly(['In', 'NotIn'], ['Exists', 'DoesNotExist', 'Gt', 'Equals']),
  values: fc.array(mostly(['a', '1'], ['no way']), { minLength: 1, maxLength: 2 }),
})
const podSpec = fc.record(
  {
    containers: fc.oneof(
      { weight: 12, arbitrary: fc.array(container, { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.constant([]) },
    ),
    restartPolicy: mostly(['Always'], ['Never', 'Sometimes']),
    nodeSelector: fc.dictionary(fc.constantFrom('disktype', 'zone'), mostly(['ssd'], ['no way'])),
    tolerations: fc.array(toleration, { maxLength: 1 }),
    affinity: fc.record({
      nodeAffinity: fc.record({
        requiredDuringSchedulingIgnoredDuringExecution: fc.record({
          nodeSelectorTerms: fc.array(
            fc.record({ matchExpressions: fc.array(requirement, { maxLength: 2 }) }),
            { minLength: 1, maxLength: 1 },
          ),
        }),
      }),
    }),
  },
  { requiredKeys: ['containers'] },
)
const labels = fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db'), {
  maxKeys: 2,
})
const servicePort = fc.record(
  {
    name: mostly(['http', 'metrics'], ['HTTP', 'a.b']),
    port: mostly([80, 443], [0, 70000]),
    targetPort: mostly([8080, 'http'], [0, 'Not_A_Port', 70000]),
    protocol: mostly(['TCP', 'UDP'], ['HTTP']),
    nodePort: mostly([30080, 31000], [80, 40000]),
  },
  { requiredKeys: ['port'] },
)
const service = fc.record({
  path: fc.constant('/api/v1/namespaces/default/services'),
  object: fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: fc.record({ name: mostly(['s'], ['S', 's.q']) }),
    spec: fc.record(
      {
        type: mostly(['ClusterIP', 'NodePort', 'LoadBalancer'], ['ExternalName', 'Public']),
        clusterIP: mostly(['', 'None'], ['10.96.0.300', '10.0.0.1', 'x']),
        selector: labels,
        sessionAffinity: mostly(['None', 'ClientIP'], ['Sticky']),
        ipFamilyPolicy: mostly(['SingleStack', 'PreferDualStack'], ['RequireDualStack', 'Both']),
        externalTrafficPolicy: mostly(['Cluster', 'Local'], ['Global']),
        ports: fc.array(servicePort, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  }),
})
const manifest = fc.oneof(
  service,
  fc.record({
    path: fc.constant('/api/v1/namespaces/default/pods'),
    object: fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Pod'),
      metadata: fc.record({ name: mostly(['p', 'p.q'], ['P']), labels }),
      spec: podSpec,
    }),
  }),
  fc.record({
    path: fc.constant('/apis/apps/v1/namespaces/default/deployments'),
    object: fc.record({
      apiVersion: fc.constant('apps/v1'),
      kind: fc.constant('Deployment'),
      metadata: fc.record({ name: mostly(['d'], ['D']) }),
      spec: fc.record(
        {
          replicas: mostly([0, 1, 2], [-1]),
          selector: fc.oneof(
            { weight: 4, arbitrary: fc.constant({ matchLabels: { app: 'web' } }) },
            { weight: 1, arbitrary: fc.record({ matchLabels: labels }, { requiredKeys: [] }) },
          ),
          template: fc.record({
            metadata: fc.record({ labels: mostly([{ app: 'web' }], [{ app: 'db' }, {}]) }),
            spec: podSpec,
          }),
        },
        { requiredKeys: ['template', 'selector'] },
      ),
    }),
  }),
)

describe('validation (property)', () => {
  let sim: Simulation
  let inBatch = 0
  let created = 0
  beforeAll(() => {
    sim = createSimulation({ seed: 16, nodes: 2 })
    sim.advance(BOOTED_AT_MS)
  })

  it('answers 201 or an exact Invalid Status, and stores only what validates', () => {
    fc.assert(
      fc.property(manifest, ({ path, object }) => {
        // A fresh name for each valid one, so "already exists" does not hide the validation.
        const named = ['P', 'D', 'S'].includes(object.metadata.name)
        const body = named
          ? object
          : {
              ...object,
              metadata: { ...object.metadata, name: `${object.metadata.name}-${++created}` },
            }
        const response = sim.request({ method: 'POST', path, body: JSON.stringify(body) })
        const problems: string[] = []
        if (response.code === 422) {
          const status = response.body as {
            reason?: string
            message?: string
            details?: { causes?: { field?: string; message?: string }[] }
          }
          const causes = status.details?.causes ?? []
          if (status.reason !== 'Invalid' || causes.length === 0)
            problems.push('422 without causes')
          // Each cause's text is in the message (repeats are listed once).
          for (const cause of causes)
            if (!status.message?.includes(`${cause.field ?? ''}: ${cause.message ?? ''}`))
              problems.push(`cause not in message: ${JSON.stringify(cause)}`)
        } else if (response.code !== 201) {
          problems.push(`answered ${response.code}: ${JSON.stringify(response.body).slice(0, 300)}`)
        }
        if (++inBatch === BATCH) {
          problems.push(...storedObjectProblems(sim))
          sim.seekTo(BOOTED_AT_MS)
          inBatch = 0
        }
        expect(problems).toEqual([])
      }),
      { numRuns: 400 },
    )
    expect(storedObjectProblems(sim)).toEqual([])
    expect(sim.trace.filter((e) => e.type === 'ComponentCrashed')).toEqual([])
  }, 300_000)
})
