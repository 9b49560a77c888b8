import { GROUP_KINDS, NAMED } from './schemas.generated'
import { STRUCTS } from './structs.generated'

/**
 * Go types as encoding/json sees them, resolved lazily from the generated table. `name` is what
 * reflect.Type.String() prints in an UnmarshalTypeError ("[]v1.Container", "v1.RestartPolicy",
 * "map[string]string", "types.UID"); pointers are dropped, as indirect() looks through them.
 */
export type GoType =
  | { kind: 'string' | 'bool' | 'int32' | 'int64' | 'float64' | 'uint8'; name: string }
  | { kind: 'bytes'; name: string }
  | { kind: 'slice'; name: string; elem: GoType }
  | { kind: 'map'; name: string; elem: GoType }
  | {
      kind: 'struct'
      name: string
      goName: string
      fields: ReadonlyMap<string, GoType>
      /** The fields OpenAPI (and the TypeScript types) call required. */
      required: ReadonlySet<string>
    }
  | { kind: 'any'; name: string }
  | { kind: Unmarshaler; name: string }

/** Types with their own UnmarshalJSON, decoded by ./unmarshalers.ts. */
export type Unmarshaler = 'quantity' | 'intorstring' | 'time' | 'microtime' | 'raw'

const UNMARSHALERS = new Set<string>(['quantity', 'intorstring', 'time', 'microtime', 'raw'])

export function isUnmarshaler(type: GoType): type is { kind: Unmarshaler; name: string } {
  switch (type.kind) {
    case 'quantity':
    case 'intorstring':
    case 'time':
    case 'microtime':
    case 'raw':
      return true
    default:
      return false
  }
}

const BUILTIN: Readonly<Record<string, GoType>> = {
  string: { kind: 'string', name: 'string' },
  bool: { kind: 'bool', name: 'bool' },
  int32: { kind: 'int32', name: 'int32' },
  int64: { kind: 'int64', name: 'int64' },
  float64: { kind: 'float64', name: 'float64' },
  uint8: { kind: 'uint8', name: 'uint8' },
}

/** interface{}: what map[string]interface{} (a patch) decodes into. */
export const ANY: GoType = { kind: 'any', name: 'interface {}' }

const resolved = new Map<string, GoType>()

/** "[]Container", "map[string]string", "PodSpec", "ResourceList" → a GoType. */
export function goType(expression: string): GoType {
  const cached = resolved.get(expression)
  if (cached) return cached
  const type = parse(expression)
  resolved.set(expression, type)
  return type
}

function parse(expression: string): GoType {
  if (expression === '[]byte') return { kind: 'bytes', name: '[]uint8' }
  if (expression.startsWith('[]')) {
    const elem = goType(expression.slice(2))
    return { kind: 'slice', name: `[]${elem.name}`, elem }
  }
  const map = /^map\[(\w+)\](.+)$/.exec(expression)
  if (map) {
    const key = goType(map[1] ?? 'string')
    const elem = goType(map[2] ?? 'string')
    return { kind: 'map', name: `map[${key.name}]${elem.name}`, elem }
  }
  const builtin = BUILTIN[expression]
  if (builtin) return builtin
  const fields = STRUCTS[expression]
  if (fields !== undefined) return structType(expression, fields)
  const named = NAMED[expression]
  if (named === undefined) throw new Error(`no Go type ${expression} in the schema table`)
  const [pkg = 'v1', underlying = 'string'] = named.split(' ')
  const name = `${pkg}.${expression}`
  if (UNMARSHALERS.has(underlying)) return { kind: underlying as Unmarshaler, name }
  // A named type decodes as its underlying type but prints under its own name.
  return { ...goType(underlying), name }
}

/**
 * A struct type. It is registered before its fields are resolved, so a type that refers back to
 * itself resolves to the same object; its fields are a plain Map (read on every decoded key).
 */
function structType(id: string, spec: string): GoType {
  const goName = id.slice(id.indexOf('/') + 1)
  const entries = spec.split(' ').map((field) => {
    const colon = field.indexOf(':')
    const name = field.slice(0, colon)
    return {
      name: name.replace(/!$/, ''),
      required: name.endsWith('!'),
      type: field.slice(colon + 1),
    }
  })
  const fields = new Map<string, GoType>()
  const type: GoType = {
    kind: 'struct',
    name: `v1.${goName}`,
    goName,
    fields,
    required: new Set(
      entries
        .filter((e) => e.required && !POINTER_FIELDS.has(`${goName}.${e.name}`))
        .map((e) => e.name),
    ),
  }
  resolved.set(id, type)
  for (const e of entries) fields.set(e.name, goType(e.type))
  return type
}

/** A kind the scheme knows, as kube-apiserver's scheme registers it. */
export interface RegisteredKind {
  group: string
  version: string
  kind: string
  /** The internal API package, for conversion errors: "core", "apps". */
  internal: string
}

const KINDS: readonly RegisteredKind[] = GROUP_KINDS.flatMap(([group, version, internal, kinds]) =>
  kinds.split(' ').map((kind) => ({ group, version, kind, internal })),
)

/** The registered kind for group/version/kind, or undefined ("no kind is registered"). */
export function registeredKind(
  group: string,
  version: string,
  kind: string,
): RegisteredKind | undefined {
  return KINDS.find((k) => k.group === group && k.version === version && k.kind === kind)
}

/** The Go struct of a registered kind. */
export function kindType(kind: RegisteredKind): GoType {
  return goType(kind.kind)
}

/**
 * Fields OpenAPI calls required that Go holds behind a pointer without omitempty: left out of the
 * JSON they stay nil (and validation says "Required value"), not a zero struct. Source:
 * k8s.io/api/apps/v1/types.go (v1.32), `Selector *metav1.LabelSelector`.
 */
const POINTER_FIELDS = new Set([
  'DeploymentSpec.selector',
  'ReplicaSetSpec.selector',
  'StatefulSetSpec.selector',
  'DaemonSetSpec.selector',
])

/**
 * kubectl's metadataOnlyObject (cli-runtime/pkg/resource/builder.go): TypeMeta and ObjectMeta,
 * which a manifest must decode into before kubectl sends it.
 */
export const METADATA_ONLY_OBJECT: GoType = {
  kind: 'struct',
  name: 'resource.metadataOnlyObject',
  goName: 'metadataOnlyObject',
  required: new Set(),
  get fields(): ReadonlyMap<string, GoType> {
    metadataOnlyFields ??= new Map([
      ['apiVersion', goType('string')],
      ['kind', goType('string')],
      ['metadata', goType('ObjectMeta')],
    ])
    return metadataOnlyFields
  },
}
let metadataOnlyFields: ReadonlyMap<string, GoType> | undefined
