import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'

const secret = (body: string, name = 's') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${body}`
const configMap = (body: string, name = 'c') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${body}`
const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1'

// Messages from ValidateSecret/ValidateConfigMap (pkg/apis/core/validation), IsConfigMapKey
// (apimachinery util/validation), the v1 Secret conversion (base64) and pkg/apis/rbac/validation,
// as kube-apiserver v1.32 returns them and kubectl prints them.
const CASES: { name: string; manifest: string; output: string }[] = [
  {
    name: 'Secret data that is not base64 is a decode error',
    manifest: secret('data:\n  a: "abc$"\n'),
    output:
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
  },
  {
    name: 'Secret key with a slash',
    manifest: secret('data:\n  "a/b": YQ==\n'),
    output:
      "The Secret \"s\" is invalid: data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  },
  {
    name: 'ConfigMap key starting with ..',
    manifest: configMap('data:\n  "..x": v\n'),
    output:
      'The ConfigMap "c" is invalid: data[..x]: Invalid value: "..x": must not start with \'..\'',
  },
  {
    name: 'ConfigMap key in both data and binaryData',
    manifest: configMap('data:\n  a: v\nbinaryData:\n  a: YQ==\n'),
    output:
      'The ConfigMap "c" is invalid: binaryData[a]: Invalid value: "a": duplicate of key present in data',
  },
  {
    name: 'ConfigMap over 1 MiB (the error is on the whole object, path "")',
    manifest: configMap(`data:\n  a: "${'x'.repeat(1024 * 1024 + 1)}"\n`),
    output: 'The ConfigMap "c" is invalid: : Too long: must have at most 1048576 bytes',
  },
  {
    name: 'Secret over 1 MiB',
    manifest: secret(`stringData:\n  a: "${'x'.repeat(1024 * 1024 + 1)}"\n`),
    output: 'The Secret "s" is invalid: data: Too long: must have at most 1048576 bytes',
  },
  {
    name: 'kubernetes.io/tls needs tls.crt and tls.key',
    manifest: secret('type: kubernetes.io/tls\ndata:\n  tls.crt: YQ==\n'),
    output: 'The Secret "s" is invalid: data[tls.key]: Required value',
  },
  {
    name: 'kubernetes.io/basic-auth needs a username or a password',
    manifest: secret('type: kubernetes.io/basic-auth\nstringData:\n  user: x\n'),
    output:
      'The Secret "s" is invalid: \n* data[username]: Required value\n* data[password]: Required value',
  },
  {
    name: 'a service-account-token Secret names its ServiceAccount',
    manifest: secret('type: kubernetes.io/service-account-token\n'),
    output:
      'The Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
  },
  {
    name: 'RoleBinding to something that is not a role',
    manifest: `${RBAC}\nkind: RoleBinding\nmetadata:\n  name: r\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Pod\n  name: x\nsubjects:\n- kind: User\n  name: bob\n`,
    output:
      'The RoleBinding "r" is invalid: roleRef.kind: Unsupported value: "Pod": supported values: "Role", "ClusterRole"',
  },
  {
    name: 'ClusterRoleBinding may only reference a ClusterRole; a ServiceAccount subject needs a namespace',
    manifest: `${RBAC}\nkind: ClusterRoleBinding\nmetadata:\n  name: r\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: x\nsubjects:\n- kind: ServiceAccount\n  name: ci\n`,
    output:
      'The ClusterRoleBinding "r" is invalid: \n* roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"\n* subjects[0].namespace: Required value',
  },
  {
    // roleRef is required, so it decodes as its zero value; SetDefaults_RoleBinding
    // (pkg/apis/rbac/v1/defaults.go) then fills apiGroup, leaving kind and name to validation.
    name: 'RoleBinding without a roleRef',
    manifest: `${RBAC}\nkind: RoleBinding\nmetadata:\n  name: r\n`,
    output:
      'The RoleBinding "r" is invalid: \n* roleRef.kind: Unsupported value: "": supported values: "Role", "ClusterRole"\n* roleRef.name: Required value',
  },
  {
    name: 'Role rule without verbs or api groups',
    manifest: `${RBAC}\nkind: Role\nmetadata:\n  name: r\nrules:\n- resources: [pods]\n`,
    output:
      'The Role "r" is invalid: \n* rules[0].verbs: Required value: verbs must contain at least one value\n* rules[0].apiGroups: Required value: resource rules must supply at least one api group',
  },
  {
    name: 'a namespaced Role cannot name non-resource URLs',
    manifest: `${RBAC}\nkind: Role\nmetadata:\n  name: r\nrules:\n- verbs: [get]\n  nonResourceURLs: [/healthz]\n`,
    output:
      'The Role "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
  },
]

describe('Secret, ConfigMap and RBAC manifests', () => {
  it.each(CASES)('$name', ({ manifest, output }) => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    expect(sim.kubectl('apply -f -', manifest)).toEqual({ exitCode: 1, output })
  })
})

describe('update rules', () => {
  const sim = createSimulation({ seed: 1 })
  sim.advance(BOOT_MS)

  it('an immutable Secret keeps its data', () => {
    const im = (value: string) => secret(`immutable: true\nstringData:\n  a: ${value}\n`, 'im')
    expect(sim.kubectl('apply -f -', im('b')).exitCode).toBe(0)
    expect(sim.kubectl('apply -f -', im('c')).output).toContain(
      'The Secret "im" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    )
  })

  it("a binding's roleRef cannot change", () => {
    expect(sim.kubectl('create rolebinding rb --clusterrole=view --user=bob').exitCode).toBe(0)
    const result = sim.kubectl(
      'create rolebinding rb --clusterrole=edit --user=bob -o yaml --dry-run=client | kubectl replace -f -',
    )
    expect(result).toEqual({
      exitCode: 1,
      output:
        'The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    })
  })

  it('stringData is folded into data and never stored', () => {
    const yaml = sim.kubectl('get secret im -o yaml').output
    expect(yaml).toContain('data:\n  a: Yg==\n')
    // (kubectl apply's last-applied annotation does keep it — as in a real cluster)
    expect(yaml).not.toMatch(/^stringData:/m)
  })
})
