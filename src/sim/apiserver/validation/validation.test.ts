import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'

const pod = (spec: string, name = 'web') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`

// Each case: a manifest kubectl sends, and what kubectl prints from the API server's Status.
// Messages are kube-apiserver's (field.ErrorList aggregated, Status reasons) as kubectl v1.32 shows them.
const CASES: { name: string; manifest: string; output: string }[] = [
  {
    name: 'no containers',
    manifest: pod('  containers: []\n'),
    output: 'The Pod "web" is invalid: spec.containers: Required value',
  },
  {
    name: 'container without image',
    manifest: pod('  containers:\n  - name: web\n'),
    output: 'The Pod "web" is invalid: spec.containers[0].image: Required value',
  },
  {
    name: 'two errors: the prefix on its own line, then one "* field: message" line each',
    manifest: pod('  containers:\n  - name: web\n  - name: web\n    image: nginx\n'),
    output:
      'The Pod "web" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].name: Duplicate value: "web"',
  },
  {
    name: 'a name that is not an RFC 1123 subdomain',
    manifest: pod('  containers:\n  - name: Web\n    image: nginx\n', 'Web'),
    // As kubectl v1.32.4 printed it for this Status (captured against a fake API server).
    output:
      "The Pod \"Web\" is invalid: \n* metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    // A negative period once reached the kubelet's prober as a timer in the past: the run froze.
    name: 'a negative probe period',
    manifest: pod(
      '  containers:\n  - name: web\n    image: nginx\n    livenessProbe:\n      periodSeconds: -1\n      tcpSocket:\n        port: 80\n',
    ),
    output:
      'The Pod "web" is invalid: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
  },
  {
    name: 'unsupported restartPolicy',
    manifest: pod('  restartPolicy: Sometimes\n  containers:\n  - name: web\n    image: nginx\n'),
    output:
      'The Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  },
  {
    name: 'request above limit',
    manifest: pod(
      '  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {cpu: "2"}\n      limits: {cpu: "1"}\n',
    ),
    output:
      'The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  },
  {
    name: 'malformed quantity is a decode error',
    manifest: pod(
      '  containers:\n  - name: web\n    image: nginx\n    resources:\n      requests: {memory: lots}\n',
    ),
    output: `Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  },
  {
    name: 'namespace that does not exist',
    manifest: pod('  containers:\n  - name: web\n    image: nginx\n').replace(
      'name: web\n',
      'name: web\n  namespace: nope\n',
    ),
    output:
      'Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found',
  },
  {
    name: 'ReplicaSet selector that does not select its template',
    manifest:
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: other}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n',
    output:
      'The ReplicaSet "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
  },
  {
    name: 'YAML that does not parse never reaches the server',
    manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n',
    output:
      "error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'",
  },
  {
    name: 'missing kind',
    manifest: 'apiVersion: v1\nmetadata:\n  name: x\n',
    output:
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
  },
]

describe('invalid manifests', () => {
  it.each(CASES)(
    '$name: rejected with the API server message, nothing stored',
    ({ manifest, output }) => {
      const sim = createSimulation({ seed: 1 })
      sim.advance(BOOT_MS)
      // Meanwhile kubelets renew their node Leases and the node controller records
      // RegisteredNode events: every other object must stay as it was.
      const stored = () =>
        sim.snapshot().objects.filter((o) => o.kind !== 'Lease' && o.kind !== 'Event')
      const before = stored()
      expect(sim.kubectl('apply -f -', manifest)).toEqual({ exitCode: 1, output })
      sim.advance(2_000)
      expect(stored()).toEqual(before)
    },
  )

  it('rejects a change to an immutable Pod field with the update rule', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', pod('  containers:\n  - name: web\n    image: nginx\n'))
    const result = sim.kubectl(
      'apply -f -',
      pod('  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80\n'),
    )
    expect(result.exitCode).toBe(1)
    expect(result.output).toContain(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`',
    )
  })
})
