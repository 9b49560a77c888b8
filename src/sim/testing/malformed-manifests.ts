import fc from 'fast-check'
import { stringify } from 'yaml'
import type { KubeObject } from '../model/objects'

/**
 * Manifests as a student types them, broken in every way a student (or a fuzzer) breaks them:
 * fields dropped, renamed, retyped, duplicated, documents cut short, huge values, unicode.
 * One valid manifest of every kind the API server serves is the starting point.
 */
export const VALID_MANIFESTS: readonly KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
        },
      ],
      restartPolicy: 'Always',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'rs' } },
      template: {
        metadata: { labels: { app: 'rs' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'deploy' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'deploy' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'deploy' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-99', labels: { disk: 'ssd' } },
    spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.1' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    reason: 'Tested',
    message: 'an event from a test',
    type: 'Normal',
    count: 1,
    firstTimestamp: '2025-01-01T00:00:00Z',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'high' },
    value: 1000,
    description: 'a class from a test',
  },
]

type Json = unknown
type Path = (string | number)[]

/** Every path in a JSON value (objects and arrays included), the root first. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]))
  return out
}

/** A copy of `root` with `fn` applied to the parent of `path` and its last key. */
function atPath(
  root: Json,
  path: Path,
  fn: (parent: Record<string | number, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root)
  if (path.length === 0) return copy
  let parent = copy as Record<string | number, Json>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>
  fn(parent, path[path.length - 1] as string | number)
  return copy
}

/** Values a field can be retyped to: the JSON types, and the extremes. */
export const strangeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, 2 ** 63, -(2 ** 31) - 1, 3_000_000_000),
  fc.constantFrom('', '5', 'yes', '1Gi', '500m', 'abc', '2024-13-01T00:00:00Z', '名前', '🚀'),
  fc.constantFrom([], [1, 'a'], {}, { a: 1 }, [{}], { '': null }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant('x'.repeat(4_096)),
)

export type Mutation =
  | { kind: 'drop'; path: number }
  | { kind: 'rename'; path: number; to: string }
  | { kind: 'retype'; path: number; value: Json }
  | { kind: 'unicode-key'; path: number; key: string }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), path: fc.nat() }),
  fc.record({
    kind: fc.constant('rename' as const),
    path: fc.nat(),
    to: fc.constantFrom('z', 'Z', 's', '', ' '),
  }),
  fc.record({ kind: fc.constant('retype' as const), path: fc.nat(), value: strangeValue }),
  fc.record({
    kind: fc.constant('unicode-key' as const),
    path: fc.nat(),
    key: fc.constantFrom('ñame', 'spëc', '\u202e', 'ключ', 'a.b/c'),
  }),
)

/** Applies one mutation to a manifest (path numbers wrap around the manifest's paths). */
export function mutate(manifest: Json, mutation: Mutation): Json {
  const paths = pathsOf(manifest).slice(1)
  const path = paths[mutation.path % Math.max(1, paths.length)] ?? []
  switch (mutation.kind) {
    case 'drop':
      return atPath(manifest, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
      })
    case 'retype':
      return atPath(manifest, path, (parent, key) => {
        parent[key] = mutation.value
      })
    case 'rename':
    case 'unicode-key':
      return atPath(manifest, path, (parent, key) => {
        if (Array.isArray(parent)) return
        const to = mutation.kind === 'rename' ? `${String(key)}${mutation.to}` : mutation.key
        parent[to] = parent[key]
        if (to !== key) delete parent[key]
      })
  }
}

/** How the text is sent: whole, cut short, or (JSON only) with a key written twice. */
export type Damage =
  { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'duplicate'; key: number }

export const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), key: fc.nat() }) },
)

/** The manifest as YAML (what the editor and the kubectl prompt take). */
export function yamlText(manifest: Json, damage: Damage): string {
  const text = stringify(manifest)
  return damage.kind === 'truncate' ? text.slice(0, damage.at % (text.length + 1)) : text
}

/** The manifest as the JSON text of a request body; a duplicate repeats one `"key":` pair. */
export function jsonText(manifest: Json, damage: Damage): string {
  const text = (JSON.stringify(manifest) as string | undefined) ?? 'null'
  if (damage.kind === 'truncate') return text.slice(0, damage.at % (text.length + 1))
  if (damage.kind !== 'duplicate') return text
  const keys = [...text.matchAll(/"([^"\\]*)":("[^"\\]*"|-?\d[\d.e+-]*|true|false|null)/g)]
  const chosen = keys[damage.key % Math.max(1, keys.length)]
  if (chosen?.index === undefined) return text
  const pair = chosen[0]
  return `${text.slice(0, chosen.index)}${pair},${pair}${text.slice(chosen.index + pair.length)}`
}

export interface MalformedCase {
  manifest: Json
  mutations: Mutation[]
  damage: Damage
}

/** A valid manifest of some kind with one to three mutations and some damage to its text. */
export const malformedCase: fc.Arbitrary<MalformedCase> = fc
  .record({
    base: fc.nat({ max: VALID_MANIFESTS.length - 1 }),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
    damage: damageArb,
  })
  .map(({ base, mutations, damage }) => ({
    manifest: mutations.reduce<Json>((m, mutation) => mutate(m, mutation), VALID_MANIFESTS[base]),
    mutations,
    damage,
  }))
