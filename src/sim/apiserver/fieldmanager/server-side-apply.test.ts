import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../index'
import { BOOT_MS } from '../../testing/manifests'

/**
 * Server-side apply and managedFields against the simulated kube-apiserver, with the exact
 * Statuses v1.32 answers (handlers/patch.go, meta/v1/validation, managedfields/internal).
 */
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments'
const APPLY = 'application/apply-patch+yaml'
const KUBECTL_UA = 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9'

const deployment = (name: string, replicas: number, image = 'nginx:1.27', extra = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...extra },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
})

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16 })
  sim.advance(BOOT_MS)
})

const apply = (name: string, body: unknown, query: Record<string, string> = {}) =>
  sim.request({
    method: 'PATCH',
    path: `${DEPLOYMENTS}/${name}`,
    query: { fieldManager: 'kubectl', fieldValidation: 'Strict', force: 'false', ...query },
    body: JSON.stringify(body),
    contentType: APPLY,
  })

/** POST as kubectl apply (client side) creates: its manager is kubectl-client-side-apply. */
const createClientSide = (name: string, replicas: number) =>
  sim.request({
    method: 'POST',
    path: DEPLOYMENTS,
    query: { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' },
    body: JSON.stringify(deployment(name, replicas)),
  })

interface Entry {
  manager: string
  operation: string
  apiVersion: string
  subresource?: string
  fieldsV1: Record<string, unknown>
}
const managedFieldsOf = (name: string): Entry[] =>
  (
    sim.request({ method: 'GET', path: `${DEPLOYMENTS}/${name}` }).body as {
      metadata: { managedFields?: Entry[] }
    }
  ).metadata.managedFields ?? []

const status = (code: number, reason: string, message: string, details?: unknown) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details !== undefined ? { details } : {}),
  code,
})

describe('PATCH application/apply-patch+yaml refusals, as v1.32 words them', () => {
  it.each([
    {
      name: 'no fieldManager',
      query: { fieldManager: '' },
      body: deployment('refused', 1),
      code: 422,
      want: status(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      ),
    },
    {
      name: 'a fieldManager over 128 bytes',
      query: { fieldManager: 'm'.repeat(129) },
      body: deployment('refused', 1),
      code: 422,
      want: status(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueTooLong',
              message: 'Too long: may not be more than 128 bytes',
              field: 'fieldManager',
            },
          ],
        },
      ),
    },
    {
      name: 'another version than the URL',
      query: {},
      body: { ...deployment('refused', 1), apiVersion: 'apps/v1beta2' },
      code: 400,
      want: status(
        400,
        'BadRequest',
        'Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1',
      ),
    },
    {
      name: 'managedFields in the configuration',
      query: {},
      body: deployment('refused', 1, 'nginx:1.27', { managedFields: [] }),
      code: 400,
      want: status(400, 'BadRequest', 'metadata.managedFields must be nil'),
    },
    {
      name: 'a field the schema does not declare (a plain error: 500)',
      query: {},
      body: { ...deployment('refused', 1), spec: { ...deployment('refused', 1).spec, replica: 2 } },
      code: 500,
      want: status(
        500,
        'InternalError',
        'Internal error occurred: failed to create typed patch object (/refused; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema',
      ),
    },
    {
      name: 'another name than the URL',
      query: {},
      body: deployment('other', 1),
      code: 400,
      want: status(
        400,
        'BadRequest',
        'the name of the object (other) does not match the name on the URL (refused)',
      ),
    },
  ])('$name', ({ query, body, code, want }) => {
    const response = apply('refused', body, query)
    expect(response.code).toBe(code)
    expect(response.body).toEqual(want)
    expect(sim.request({ method: 'GET', path: `${DEPLOYMENTS}/refused` }).code).toBe(404)
  })

  it('force on a merge patch is Forbidden', () => {
    createClientSide('forced-merge', 1)
    const response = sim.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/forced-merge`,
      query: { force: 'true' },
      body: '{"spec":{"replicas":2}}',
      contentType: 'application/merge-patch+json',
    })
    expect(response.body).toEqual(
      status(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueForbidden',
              message: 'Forbidden: may not be specified for non-apply patch',
              field: 'force',
            },
          ],
        },
      ),
    )
  })
})

describe('server-side apply', () => {
  it('creates an absent object (201); the applier owns exactly the fields it sent', () => {
    const created = apply('ssa', deployment('ssa', 2))
    expect(created.code).toBe(201)
    const [entry, ...others] = managedFieldsOf('ssa')
    expect(entry).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1' })
    expect(entry?.fieldsV1).toEqual({
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
          },
        },
      },
    })
    // Defaults have no owner; the Deployment controller's status writes are its own Update.
    for (const other of others)
      expect(other).toMatchObject({
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
      })
    expect(apply('ssa', deployment('ssa', 2)).code).toBe(200)
  })

  it('conflicts with a client-side apply over a changed field; --force-conflicts takes it', () => {
    expect(createClientSide('csa', 2).code).toBe(201)
    const csa = managedFieldsOf('csa').find((e) => e.manager === 'kubectl-client-side-apply')
    // The creator owns what it sent and the defaults decoding added, not what admission adds.
    expect(csa?.fieldsV1).toMatchObject({
      'f:spec': {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} } },
        'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    })
    // Same values: co-owned, no conflict.
    expect(apply('csa', deployment('csa', 2)).code).toBe(200)
    const conflict = apply('csa', deployment('csa', 3, 'nginx:1.28'))
    expect(conflict).toEqual({
      code: 409,
      body: status(
        409,
        'Conflict',
        'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
        {
          causes: [
            {
              reason: 'FieldManagerConflict',
              message: 'conflict with "kubectl-client-side-apply" using apps/v1',
              field: '.spec.replicas',
            },
            {
              reason: 'FieldManagerConflict',
              message: 'conflict with "kubectl-client-side-apply" using apps/v1',
              field: '.spec.template.spec.containers[name="web"].image',
            },
          ],
        },
      ),
    })
    const forced = apply('csa', deployment('csa', 3, 'nginx:1.28'), { force: 'true' })
    expect(forced.code).toBe(200)
    expect((forced.body as { spec: { replicas: number } }).spec.replicas).toBe(3)
    const after = managedFieldsOf('csa').find((e) => e.manager === 'kubectl-client-side-apply')
    expect(after?.fieldsV1['f:spec']).not.toHaveProperty('f:replicas')
  })

  it('kubectl scale (no fieldManager: its User-Agent names it) takes .spec.replicas through /scale', () => {
    apply('scaled', deployment('scaled', 1))
    const scaled = sim.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/scaled/scale`,
      body: '{"spec":{"replicas":4}}',
      userAgent: KUBECTL_UA,
    })
    expect(scaled.code).toBe(200)
    expect(managedFieldsOf('scaled').find((e) => e.subresource === 'scale')).toMatchObject({
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'apps/v1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    })
    expect(apply('scaled', deployment('scaled', 1)).body).toMatchObject({
      code: 409,
      message:
        'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    })
  })

  it('removes a field the applier stopped applying, unless another manager owns it', () => {
    const labelled = (labels: Record<string, string>) =>
      deployment('pruned', 1, 'nginx:1.27', { labels })
    apply('pruned', labelled({ team: 'web', tier: 'front' }))
    sim.request({
      method: 'PATCH',
      path: `${DEPLOYMENTS}/pruned`,
      query: { fieldManager: 'labeller' },
      body: '{"metadata":{"labels":{"tier":"back"}}}',
    })
    // team: only the applier owned it, so it goes; tier: the labeller changed it, so it stays.
    const applied = apply('pruned', labelled({}))
    expect((applied.body as { metadata: { labels?: object } }).metadata.labels).toEqual({
      tier: 'back',
    })
  })

  it('Pods the ReplicaSet controller creates record no managers (cheap at 150,000 Pods)', () => {
    const pods = sim.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      query: { labelSelector: 'app=ssa' },
    }).body as { items: { metadata: { managedFields?: unknown } }[] }
    expect(pods.items.length).toBeGreaterThan(0)
    for (const pod of pods.items) expect(pod.metadata.managedFields).toBeUndefined()
  })
})

describe('kubectl apply --server-side (the simulated kubectl)', () => {
  const manifest = (replicas: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kssa\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: kssa}\n  template:\n    metadata:\n      labels: {app: kssa}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`

  it('serverside-applied; a conflict prints kubectl advice; --force-conflicts applies', () => {
    expect(sim.kubectl('apply -f -', manifest(2)).output).toBe('deployment.apps/kssa created')
    expect(sim.kubectl('apply --server-side -f -', manifest(2)).output).toBe(
      'deployment.apps/kssa serverside-applied',
    )
    const conflict = sim.kubectl('apply --server-side -f -', manifest(3))
    expect(conflict.output.split('\n').slice(0, 3)).toEqual([
      'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      'Please review the fields above--they currently have other managers. Here',
      'are the ways you can resolve this warning:',
    ])
    expect(sim.kubectl('apply --server-side --force-conflicts -f -', manifest(3)).output).toBe(
      'deployment.apps/kssa serverside-applied',
    )
  })

  it('get -o yaml hides managedFields unless --show-managed-fields', () => {
    expect(sim.kubectl('get deployment kssa -o yaml').output).not.toContain('managedFields')
    const shown = sim.kubectl('get deployment kssa -o yaml --show-managed-fields').output
    expect(shown).toContain('  managedFields:\n  - apiVersion: apps/v1\n    fieldsType: FieldsV1')
    expect(shown).toContain('    manager: kubectl\n    operation: Apply')
    expect(shown).toContain('              k:{"name":"web"}:\n                .: {}\n')
  })
})
