import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './index'

// sim.request: the REST interface, headless. One booted cluster for the whole file; each test
// uses its own object names.
const PODS = '/api/v1/namespaces/default/pods'
const STRICT = { fieldValidation: 'Strict' }

const podJson = (name: string, spec: string) =>
  `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"},"spec":${spec}}`
const validSpec = '{"containers":[{"name":"web","image":"nginx:1.27"}]}'

/** The message of a Status body. */
const messageOf = (body: unknown): unknown => (body as { message?: unknown }).message

let sim: Simulation
/** POST a raw body to the Pods collection, as kubectl create does. */
const postPod = (body?: string, query?: Record<string, string>) =>
  sim.request({
    method: 'POST',
    path: PODS,
    ...(query && { query }),
    ...(body !== undefined && { body }),
  })

beforeAll(() => {
  sim = createSimulation({ seed: 9, nodes: 2 })
  sim.advance(3_000)
})

describe('sim.request', () => {
  it('POSTs, GETs one and the list, PATCHes and DELETEs, with JSON text bodies', () => {
    const created = postPod(podJson('crud', validSpec))
    expect(created.code).toBe(201)
    expect(created.body).toMatchObject({
      kind: 'Pod',
      metadata: { name: 'crud', namespace: 'default' },
    })

    const one = sim.request({ method: 'GET', path: `${PODS}/crud` })
    expect(one).toMatchObject({ code: 200, body: { metadata: { name: 'crud' } } })

    const list = sim.request({ method: 'GET', path: PODS })
    expect(list.code).toBe(200)
    const names = (list.body as { items: { metadata: { name: string } }[] }).items.map(
      (p) => p.metadata.name,
    )
    expect(names).toContain('crud')

    const patched = sim.request({
      method: 'PATCH',
      path: `${PODS}/crud`,
      body: '{"metadata":{"labels":{"tier":"front"}}}',
    })
    expect(patched).toMatchObject({ code: 200, body: { metadata: { labels: { tier: 'front' } } } })

    const deleted = sim.request({ method: 'DELETE', path: `${PODS}/crud` })
    expect(deleted.code).toBe(200)
  })

  it('answers 404 for an object that is not there', () => {
    const response = sim.request({ method: 'GET', path: `${PODS}/nope` })
    expect(response.code).toBe(404)
    expect(response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    })
  })

  it('returns a copy: changing the answer changes nothing in the cluster', () => {
    postPod(podJson('copy', validSpec))
    const first = sim.request({ method: 'GET', path: `${PODS}/copy` })
    ;(first.body as { metadata: { name: string } }).metadata.name = 'changed'
    expect(sim.request({ method: 'GET', path: `${PODS}/copy` }).body).toMatchObject({
      metadata: { name: 'copy' },
    })
  })
})

describe('400 BadRequest, word for word as kube-apiserver v1.32', () => {
  const cannot = 'Pod in version "v1" cannot be handled as a Pod: '
  it.each([
    [
      'a number where a list is expected',
      podJson('bad-1', '{"containers":5}'),
      `${cannot}json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container`,
    ],
    [
      'a string where an integer is expected',
      podJson(
        'bad-2',
        '{"containers":[{"name":"a","image":"b","ports":[{"containerPort":"80"}]}]}',
      ),
      `${cannot}json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`,
    ],
    [
      'an object where a string is expected',
      podJson('bad-3', '{"containers":[{"name":"a","image":{"repo":"nginx"}}]}'),
      `${cannot}json: cannot unmarshal object into Go struct field Container.spec.containers.image of type string`,
    ],
    [
      'one unknown field',
      podJson('bad-4', '{"containerz":[]}'),
      `${cannot}strict decoding error: unknown field "spec.containerz"`,
    ],
    [
      'several unknown fields, all in one message',
      podJson('bad-5', '{"containerz":[],"containers":[{"name":"a","image":"b","imagez":"c"}]}'),
      `${cannot}strict decoding error: unknown field "spec.containerz", unknown field "spec.containers[0].imagez"`,
    ],
    [
      'a duplicate field',
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad-6","name":"bad-7"},"spec":{"containers":[]}}',
      `${cannot}strict decoding error: duplicate field "metadata.name"`,
    ],
  ])('%s', (_, body, message) => {
    const response = postPod(body, STRICT)
    expect(response.code).toBe(400)
    expect(response.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message,
    })
  })

  it('names the body when it is not JSON at all (transformDecodeError without a kind)', () => {
    const response = postPod('{"apiVersion": "v1", "kind": "Pod", "metadata": {')
    expect(messageOf(response.body)).toBe(
      'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion": "v1", "kind": " ...)',
    )
    const empty = postPod()
    expect(messageOf(empty.body)).toBe(
      "the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)",
    )
  })

  it("refuses a kind the scheme does not know, and one that is not the URL's", () => {
    const foo = postPod('{"apiVersion":"v1","kind":"Foo"}')
    expect(messageOf(foo.body)).toBe(
      'Foo in version "v1" cannot be handled as a Pod: no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    )
    const service = postPod('{"apiVersion":"v1","kind":"Service"}')
    expect(messageOf(service.body)).toBe(
      'Service in version "v1" cannot be handled as a Pod: converting (v1.Service) to (core.Pod): unknown conversion',
    )
  })

  it('under fieldValidation=Warn (the default) drops unknown fields and says so in warnings', () => {
    const response = postPod(
      podJson('warned', '{"containers":[{"name":"a","image":"b"}],"containerz":1}'),
    )
    expect(response.code).toBe(201)
    expect(response.warnings).toEqual(['unknown field "spec.containerz"'])
    expect(response.body).not.toHaveProperty('spec.containerz')
    const ignored = postPod(podJson('ignored', '{"containers":[{"name":"a","image":"b"}],"x":1}'), {
      fieldValidation: 'Ignore',
    })
    expect(ignored.code).toBe(201)
    expect(ignored.warnings).toBeUndefined()
  })

  it("rejects an unknown fieldValidation value with ValidateCreateOptions' 422", () => {
    const response = postPod('{}', { fieldValidation: 'Yes' })
    expect(response.code).toBe(422)
    expect(messageOf(response.body)).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Yes": supported values: "", "Ignore", "Strict", "Warn"',
    )
  })
})

describe("PATCH bodies go back through the kind's type", () => {
  beforeAll(() => {
    postPod(podJson('patched', validSpec))
  })

  it('a strategic merge patch that breaks the type is the converter\'s 422 about "patch"', () => {
    const response = sim.request({
      method: 'PATCH',
      path: `${PODS}/patched`,
      query: STRICT,
      contentType: 'application/strategic-merge-patch+json',
      body: '{"spec":{"containers":5}}',
    })
    expect(response.code).toBe(422)
    expect(messageOf(response.body)).toBe(
      ' "" is invalid: patch: Invalid value: "map[spec:map[containers:5]]": cannot restore slice from int64',
    )
  })

  it('unknown and duplicate fields in a strategic merge patch, under Strict', () => {
    const response = sim.request({
      method: 'PATCH',
      path: `${PODS}/patched`,
      query: STRICT,
      contentType: 'application/strategic-merge-patch+json',
      body: '{"metadata":{"labels":{"a":"1","a":"2"}},"spec":{"foo":1}}',
    })
    expect(messageOf(response.body)).toBe(
      ' "" is invalid: patch: Invalid value: "map[metadata:map[labels:map[a:2]] spec:map[foo:1]]": strict decoding error: duplicate field "metadata.labels.a", unknown field "spec.foo"',
    )
  })

  it('a merge patch that is not JSON is a 400; one that breaks the type is a 422', () => {
    const syntax = sim.request({ method: 'PATCH', path: `${PODS}/patched`, body: '{"metadata":' })
    expect(syntax.code).toBe(400)
    expect(messageOf(syntax.body)).toBe('error decoding patch: unexpected end of JSON input')
    const typed = sim.request({
      method: 'PATCH',
      path: `${PODS}/patched`,
      body: '{"spec":{"containers":5}}',
    })
    expect(typed.code).toBe(422)
    expect(String(messageOf(typed.body))).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",.*": json: cannot unmarshal number into Go struct field PodSpec\.spec\.containers of type \[\]v1\.Container$/,
    )
  })

  it('an unsupported patch type is 415', () => {
    const response = sim.request({
      method: 'PATCH',
      path: `${PODS}/patched`,
      contentType: 'application/json',
      body: '{}',
    })
    expect(response.code).toBe(415)
  })
})

describe('kubectl shows the same errors, in its own words', () => {
  it("prints the server's 400 for the manifest from the issue", () => {
    const result = sim.kubectl(
      'apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: 5}\n',
    )
    expect(result).toEqual({
      exitCode: 1,
      output:
        'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container',
    })
  })

  it('decodes metadata itself before sending anything (YAML 1.1: yes is a bool)', () => {
    const result = sim.kubectl(
      'apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {ok: yes}}\n',
    )
    expect(result.output).toBe(
      'error: unable to decode "STDIN": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    )
  })

  it('applies the documents before a broken one and then reports it', () => {
    const result = sim.kubectl(
      'apply -f -',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: first}\nspec: ${validSpec}\n---\nmetadata: {name: x}\n`,
    )
    expect(result.output).toBe(
      'pod/first created\nerror: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    )
  })
})
