import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'

/**
 * What kubectl v1.32 refuses before it sends anything, and how -f names the file. Every expected
 * text was captured from the real kubectl v1.32 on these machines against `npm run serve`
 * (`kubectl apply -f noname.yaml -n prod`, …), with the file names as here.
 */

const POD_NO_NAME =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\nspec:\n  containers:\n  - name: web\n    image: nginx\n'
const POD_IN_DEV =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: dev\nspec:\n  containers:\n  - name: web\n    image: nginx\n'
const NO_KIND =
  'apiVersion: v1\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n'
const BAD_YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec:\n  containers: []\n'
const DOTTED =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web.app\nspec:\n  containers:\n  - name: web.app\n    image: nginx\n'

const CASES: { name: string; command: string; manifest: string; output: string }[] = [
  {
    name: 'apply of an object without a name',
    command: 'apply -f noname.yaml -n prod',
    manifest: POD_NO_NAME,
    output:
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "prod"\nfrom server for: "noname.yaml": resource name may not be empty',
  },
  {
    name: 'apply of an object without a name, from STDIN',
    command: 'apply -f -',
    manifest: POD_NO_NAME,
    output:
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty',
  },
  {
    name: '-n prod with a manifest in namespace dev (apply)',
    command: 'apply -f dev.yaml -n prod',
    manifest: POD_IN_DEV,
    output:
      'error: the namespace from the provided object "dev" does not match the namespace "prod". You must pass \'--namespace=dev\' to perform this operation.',
  },
  {
    name: '-n prod with a manifest in namespace dev (create, STDIN)',
    command: 'create -f - -n prod',
    manifest: POD_IN_DEV,
    output:
      'error: the namespace from the provided object "dev" does not match the namespace "prod". You must pass \'--namespace=dev\' to perform this operation.',
  },
  {
    name: 'a manifest without kind',
    command: 'apply -f nokind.yaml -n prod',
    manifest: NO_KIND,
    output:
      'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
  },
  {
    name: 'a manifest without kind, validation off: the decoder names it, keys sorted',
    command: 'apply --validate=false -f nokind.yaml',
    manifest: NO_KIND,
    output:
      'error: unable to decode "nokind.yaml": Object \'Kind\' is missing in \'{"apiVersion":"v1","metadata":{"name":"web"},"spec":{"containers":[{"image":"nginx","name":"web"}]}}\'',
  },
  {
    name: 'YAML that does not parse',
    command: 'apply -f bad.yaml -n prod',
    manifest: BAD_YAML,
    output:
      'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key',
  },
  {
    name: "the server's Invalid: a container name with a dot",
    command: 'apply -f dot.yaml',
    manifest: DOTTED,
    output:
      'The Pod "web.app" is invalid: spec.containers[0].name: Invalid value: "web.app": must not contain dots',
  },
  {
    name: "the server's NotFound names the file",
    command: 'apply -f dot.yaml -n prod',
    manifest: DOTTED,
    output:
      'Error from server (NotFound): error when creating "dot.yaml": namespaces "prod" not found',
  },
  {
    name: 'scale to a negative count (ScaleOptions.Validate)',
    command: 'scale deployment web --replicas=-1',
    manifest: '',
    output:
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
  },
  {
    name: 'create of an object without a name goes to the server',
    command: 'create -f noname.yaml',
    manifest: POD_NO_NAME,
    output:
      'The Pod "" is invalid: metadata.name: Required value: name or generateName is required',
  },
]

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16 })
  sim.advance(BOOT_MS)
})

describe("kubectl's own checks and file names, as v1.32 prints them", () => {
  it.each(CASES)('$name', ({ command, manifest, output }) => {
    const before = sim.snapshot().revision
    expect(sim.kubectl(command, manifest)).toEqual({ exitCode: 1, output })
    expect(sim.snapshot().revision).toBe(before)
  })

  it('a file kubectl was not given still does not exist', () => {
    expect(sim.kubectl('apply -f web.yaml')).toEqual({
      exitCode: 1,
      output: 'error: the path "web.yaml" does not exist',
    })
  })
})

// The typos students make, each with what kubectl v1.32 printed for it (file y.yaml).
const YAML_TYPOS: { name: string; manifest: string; error: string }[] = [
  {
    name: 'a key indented less than its siblings',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec:\n  containers: []\n',
    error: 'yaml: line 4: did not find expected key',
  },
  {
    name: 'a key indented more than its siblings',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n    labels: x\n',
    error: 'yaml: line 5: mapping values are not allowed in this context',
  },
  {
    name: 'a tab as indentation',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n',
    error: 'yaml: line 4: found character that cannot start any token',
  },
  {
    name: 'an unclosed flow map',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n',
    error: "yaml: line 3: did not find expected ',' or '}'",
  },
  {
    name: 'a list item field out of line',
    manifest:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n   image: nginx\n',
    error: 'yaml: line 7: did not find expected key',
  },
  {
    name: 'an unclosed quote',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web\n',
    error: 'yaml: line 5: found unexpected end of stream',
  },
  {
    name: 'a second list item field indented too far',
    manifest:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: x\n     image: y\n',
    error: 'yaml: line 10: mapping values are not allowed in this context',
  },
  {
    name: 'an unclosed flow sequence',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: [a, b\n',
    error: "yaml: line 5: did not find expected ',' or ']'",
  },
  {
    name: "a key without its ':'",
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec\n  containers: []\n',
    error: "yaml: line 6: could not find expected ':'",
  },
]

describe("YAML syntax errors in sigs.k8s.io/yaml's (go-yaml v2's) words", () => {
  it.each(YAML_TYPOS)('$name', ({ manifest, error }) => {
    expect(sim.kubectl('apply -f y.yaml', manifest)).toEqual({
      exitCode: 1,
      output: `error: error parsing y.yaml: error converting YAML to JSON: ${error}`,
    })
  })
})
