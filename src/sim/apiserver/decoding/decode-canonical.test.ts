import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCanonical } from './decode-canonical'
import { decodeObject, decodeScanned, type FieldValidation } from './decode-object'
import { kindType, registeredKind, type RegisteredKind } from './go-types'

// The short cut must answer exactly what the long way answers, for every text it takes.

const kind = (group: string, version: string, name: string): RegisteredKind => {
  const found = registeredKind(group, version, name)
  if (!found) throw new Error(`no kind ${name}`)
  return found
}

// Bodies as the cluster's components send them, one per shape of Go type (times, quantities,
// int-or-strings, maps, slices of structs, bytes, int32 and int64).
const BODIES: readonly [RegisteredKind, object][] = [
  [
    kind('coordination.k8s.io', 'v1', 'Lease'),
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'node-2',
        namespace: 'kube-node-lease',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-2', uid: 'u-1' }],
        uid: 'u-2',
        creationTimestamp: '2025-01-01T00:00:01Z',
        resourceVersion: '115',
      },
      spec: {
        holderIdentity: 'node-2',
        leaseDurationSeconds: 40,
        renewTime: '2025-01-01T00:00:52.564000Z',
      },
    },
  ],
  [
    kind('', 'v1', 'Pod'),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: 'web-', labels: { app: 'web' }, annotations: { a: '' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
          },
        ],
        tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 300 }],
        terminationGracePeriodSeconds: 30,
      },
    },
  ],
  [
    kind('', 'v1', 'ConfigMap'),
    { metadata: { name: 'c' }, data: { a: 'b', '1': 'x' }, binaryData: { bin: 'aGk=' } },
  ],
  [
    kind('apps', 'v1', 'Deployment'),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'd' } },
        template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c' }] } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      },
    },
  ],
]

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every place in a JSON value, as the keys and indexes leading to it. */
function placesOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const places = [path]
  if (Array.isArray(value)) value.forEach((v, i) => places.push(...placesOf(v, [...path, i])))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) places.push(...placesOf(v, [...path, k]))
  return places
}

function setAt(root: Json, path: (string | number)[], put: (old: Json) => Json): Json {
  if (path.length === 0) return put(root)
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const container = root as Record<string | number, Json>
  container[head] = setAt(container[head] as Json, rest, put)
  return root
}

// What an edit puts somewhere: values of every JSON type, near-miss names and numbers.
const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    null,
    40.5,
    -1,
    2 ** 31,
    2 ** 53 + 2,
    1e21,
    '',
    '\ud800',
    '\u{1F600}',
    '1Gi',
    '2025-01-01T00:00:01Z',
    '2025-01-01T00:00:01.5Z',
    'not base64!',
    { Kind: 'Pod' },
  ),
)
const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom('replace', 'unknown', 'rename', 'null'),
  odd,
  fc.constantFrom('Kind', 'APIVERSION', 'apiversion', 'kınd', 'spec', 'unknownField', '__proto__'),
)
// Text edits after JSON.stringify: spacing, a repeated key, another spelling of a number.
const textEdit = fc.constantFrom('none', 'none', 'space', 'duplicate', 'float', 'escape')

function edited(body: object, edits: [number, string, Json, string][], how: string): string {
  let value = structuredClone(body) as Json
  for (const [at, what, put, name] of edits) {
    const places = placesOf(value)
    const path = places[at % places.length] as (string | number)[]
    value = setAt(value, path, (old) => {
      if (what === 'replace') return put
      if (what === 'null') return null
      if (old === null || typeof old !== 'object' || Array.isArray(old)) return old
      if (what === 'unknown') return { ...old, [name]: put }
      const [first] = Object.keys(old)
      if (first === undefined) return old
      const { [first]: moved, ...others } = old
      return { ...others, [name]: moved as Json }
    })
  }
  const text = JSON.stringify(value)
  switch (how) {
    case 'space':
      return text.replace(/,/g, ', ')
    case 'duplicate':
      return text.replace(/^\{"([^"]*)":("[^"]*"|\d+|true|false|null),/, '{"$1":$2,"$1":$2,')
    case 'float':
      return text.replace(/:(\d+)([,}])/, ':$1.0$2')
    case 'escape':
      return text.replace(/"(\w)/, '"\\u00$1')
    default:
      return text
  }
}

describe('decodeCanonical: the short cut for JSON.stringify texts of known fields', () => {
  it('answers what the long way answers, for every text it takes', () => {
    let taken = 0
    let runs = 0
    fc.assert(
      fc.property(
        fc.nat({ max: BODIES.length - 1 }),
        fc.array(edit, { maxLength: 3 }),
        textEdit,
        fc.constantFrom<FieldValidation>('Strict', 'Warn', 'Ignore'),
        (which, edits, how, validation) => {
          const [target, body] = BODIES[which] as [RegisteredKind, object]
          const text = edited(body, edits, how)
          runs++
          if (decodeCanonical(text, target, kindType(target)) !== undefined) taken++
          const quick = decodeObject(text, target, validation)
          const long = decodeScanned(text, target, validation)
          expect(quick).toEqual(long)
          expect(JSON.stringify(quick)).toBe(JSON.stringify(long))
        },
      ),
      { numRuns: 1_000 },
    )
    // Both ways were compared on texts the short cut took and on texts it left.
    expect(taken).toBeGreaterThan(runs / 5)
    expect(taken).toBeLessThan(runs)
  })

  it('takes the bodies the cluster sends, and leaves what it cannot vouch for', () => {
    for (const [target, body] of BODIES) {
      const text = JSON.stringify(body)
      expect(decodeCanonical(text, target, kindType(target))).toBeDefined()
      expect(decodeObject(text, target, 'Strict')).toEqual(decodeScanned(text, target, 'Strict'))
    }
    const [lease, body] = BODIES[0] as [RegisteredKind, object]
    const text = JSON.stringify(body)
    const leave = (t: string) => {
      expect(decodeCanonical(t, lease, kindType(lease))).toBeUndefined()
    }
    leave(text.replace('"spec":', '"spec" :'))
    leave(text.replace('"spec":{', '"spec":{"unknown":1,'))
    leave(text.replace('"kind":"Lease"', '"kind":"Pod"'))
    leave(text.replace('"kind":"Lease"', '"kind":"Lease","Kind":"Lease"'))
    leave(text.replace('40', '"40"'))
    leave(text.replace('node-2"', '\\ud800"'))
    leave(text.slice(0, -1))
  })
})
