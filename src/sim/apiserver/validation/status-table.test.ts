import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createSimulation, type Simulation } from '../../index'
import { BOOT_MS } from '../../testing/manifests'

/**
 * Table tests: a manifest POSTed to the simulated API server, and the exact Status kube-apiserver
 * v1.32 answers (code, reason, message, causes in order). Sources of each rule are cited where it
 * is modelled (validation/container.ts, scheduling.ts, pod.ts, validate.ts, names.ts).
 */

const PODS = '/api/v1/namespaces/default/pods'
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments'
const REPLICASETS = '/apis/apps/v1/namespaces/default/replicasets'

type Cause = [reason: string, field: string, message: string]

interface Case {
  name: string
  path: string
  manifest: string
  /** The Status message, exactly. */
  message: string
  causes: Cause[]
}

/** A Pod manifest named "web" with one container whose extra YAML is `container` (indented 4). */
const pod = (container: string, spec = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}  containers:\n  - name: web\n    image: nginx:1.27\n${container}`

const deployment = (selector: string, labels = '{app: nginx}') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${selector}  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`

const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

const CASES: Case[] = [
  {
    name: 'a container name with a dot',
    path: PODS,
    manifest: pod('').replace('  - name: web', '  - name: web.app'),
    message:
      'Pod "web" is invalid: spec.containers[0].name: Invalid value: "web.app": must not contain dots',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].name',
        'Invalid value: "web.app": must not contain dots',
      ],
    ],
  },
  {
    name: 'containerPort 0',
    path: PODS,
    manifest: pod('    ports:\n    - containerPort: 0\n'),
    message: 'Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Required value',
    causes: [['FieldValueRequired', 'spec.containers[0].ports[0].containerPort', 'Required value']],
  },
  {
    name: 'containerPort out of range',
    path: PODS,
    manifest: pod('    ports:\n    - containerPort: 70000\n'),
    message:
      'Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].ports[0].containerPort',
        'Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
  },
  {
    name: 'an imagePullPolicy that does not exist',
    path: PODS,
    manifest: pod('    imagePullPolicy: Sometimes\n'),
    message:
      'Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    causes: [
      [
        'FieldValueNotSupported',
        'spec.containers[0].imagePullPolicy',
        'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      ],
    ],
  },
  {
    name: 'a negative limit (defaulting copies it to the requests, so both are reported)',
    path: PODS,
    manifest: pod('    resources:\n      limits: {cpu: "-1"}\n'),
    message:
      'Pod "web" is invalid: [spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0, spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0]',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].resources.limits[cpu]',
        'Invalid value: "-1": must be greater than or equal to 0',
      ],
      [
        'FieldValueInvalid',
        'spec.containers[0].resources.requests[cpu]',
        'Invalid value: "-1": must be greater than or equal to 0',
      ],
    ],
  },
  {
    name: 'a negative memory request',
    path: PODS,
    manifest: pod('    resources:\n      requests: {memory: -64Mi}\n'),
    message:
      'Pod "web" is invalid: spec.containers[0].resources.requests[memory]: Invalid value: "-64Mi": must be greater than or equal to 0',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].resources.requests[memory]',
        'Invalid value: "-64Mi": must be greater than or equal to 0',
      ],
    ],
  },
  {
    name: 'two ports with the same name',
    path: PODS,
    manifest: pod(
      '    ports:\n    - {name: http, containerPort: 80}\n    - {name: http, containerPort: 8080}\n',
    ),
    message: 'Pod "web" is invalid: spec.containers[0].ports[1].name: Duplicate value: "http"',
    causes: [
      ['FieldValueDuplicate', 'spec.containers[0].ports[1].name', 'Duplicate value: "http"'],
    ],
  },
  {
    name: 'a port name over 15 characters',
    path: PODS,
    manifest: pod('    ports:\n    - {name: metrics-endpoint-http, containerPort: 9090}\n'),
    message:
      'Pod "web" is invalid: spec.containers[0].ports[0].name: Invalid value: "metrics-endpoint-http": must be no more than 15 characters',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].ports[0].name',
        'Invalid value: "metrics-endpoint-http": must be no more than 15 characters',
      ],
    ],
  },
  {
    name: 'a toleration with operator Exists and a value',
    path: PODS,
    manifest: pod(
      '',
      '  tolerations:\n  - {key: gpu, operator: Exists, value: "true", effect: NoSchedule}\n',
    ),
    message:
      'Pod "web" is invalid: spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"gpu", Operator:"Exists", Value:"true", Effect:"NoSchedule", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
    causes: [
      [
        'FieldValueInvalid',
        'spec.tolerations[0].operator',
        'Invalid value: core.Toleration{Key:"gpu", Operator:"Exists", Value:"true", Effect:"NoSchedule", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
      ],
    ],
  },
  {
    name: 'a toleration operator and effect that do not exist, tolerationSeconds without NoExecute',
    path: PODS,
    manifest: pod(
      '',
      '  tolerations:\n  - {key: gpu, operator: In, value: a}\n  - {key: gpu, effect: NoRun}\n  - {key: gpu, effect: NoSchedule, tolerationSeconds: 60}\n',
    ),
    message:
      'Pod "web" is invalid: [spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists", spec.tolerations[1].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute", spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set]',
    causes: [
      [
        'FieldValueNotSupported',
        'spec.tolerations[0].operator',
        'Unsupported value: "In": supported values: "Equal", "Exists"',
      ],
      [
        'FieldValueNotSupported',
        'spec.tolerations[1].effect',
        'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
      [
        'FieldValueInvalid',
        'spec.tolerations[2].effect',
        'Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      ],
    ],
  },
  {
    name: 'node affinity: an unknown operator, In without values, Exists with values',
    path: PODS,
    manifest: pod(
      '',
      `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: disktype, operator: Equals, values: [ssd]}
          - {key: zone, operator: In}
          - {key: gpu, operator: Exists, values: ["yes please"]}
`,
    ),
    message:
      "Pod \"web\" is invalid: [spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator, spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist', spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values[0]: Invalid value: \"yes please\": " +
      LABEL_VALUE +
      ']',
    causes: [
      [
        'FieldValueInvalid',
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator',
        'Invalid value: "Equals": not a valid selector operator',
      ],
      [
        'FieldValueRequired',
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values',
        "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
      [
        'FieldValueForbidden',
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values',
        "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
      [
        'FieldValueInvalid',
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values[0]',
        `Invalid value: "yes please": ${LABEL_VALUE}`,
      ],
    ],
  },
  {
    name: 'a nodeSelector value that is not a label value',
    path: PODS,
    manifest: pod('', '  nodeSelector: {disktype: "ssd fast"}\n'),
    message: `Pod "web" is invalid: spec.nodeSelector: Invalid value: "ssd fast": ${LABEL_VALUE}`,
    causes: [
      ['FieldValueInvalid', 'spec.nodeSelector', `Invalid value: "ssd fast": ${LABEL_VALUE}`],
    ],
  },
  {
    name: 'a probe without a handler',
    path: PODS,
    manifest: pod('    livenessProbe: {periodSeconds: 5}\n'),
    message:
      'Pod "web" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
    causes: [
      [
        'FieldValueRequired',
        'spec.containers[0].livenessProbe',
        'Required value: must specify a handler type',
      ],
    ],
  },
  {
    name: 'a negative probe period and a liveness successThreshold that is not 1',
    path: PODS,
    manifest: pod(
      '    readinessProbe: {httpGet: {port: 80}, periodSeconds: -1}\n    livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}\n',
    ),
    message:
      'Pod "web" is invalid: [spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1, spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0]',
    causes: [
      [
        'FieldValueInvalid',
        'spec.containers[0].livenessProbe.successThreshold',
        'Invalid value: 2: must be 1',
      ],
      [
        'FieldValueInvalid',
        'spec.containers[0].readinessProbe.periodSeconds',
        'Invalid value: -1: must be greater than or equal to 0',
      ],
    ],
  },
  {
    name: 'a Deployment without a selector: Required, and a template nothing selects',
    path: DEPLOYMENTS,
    manifest: deployment(''),
    message:
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]',
    causes: [
      ['FieldValueRequired', 'spec.selector', 'Required value'],
      [
        'FieldValueInvalid',
        'spec.template.metadata.labels',
        'Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      ],
    ],
  },
  {
    name: 'a Deployment with an empty selector',
    path: DEPLOYMENTS,
    manifest: deployment('  selector: {}\n'),
    message:
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    causes: [
      [
        'FieldValueInvalid',
        'spec.selector',
        'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
  },
  {
    name: 'a Deployment whose selector does not select its template',
    path: DEPLOYMENTS,
    manifest: deployment('  selector:\n    matchLabels: {app: web}\n'),
    message:
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    causes: [
      [
        'FieldValueInvalid',
        'spec.template.metadata.labels',
        'Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      ],
    ],
  },
  {
    name: 'a ReplicaSet without a selector whose template restarts Never',
    path: REPLICASETS,
    manifest: deployment('')
      .replace('kind: Deployment', 'kind: ReplicaSet')
      .replace('    spec:\n', '    spec:\n      restartPolicy: Never\n'),
    message:
      'ReplicaSet.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]',
    causes: [
      ['FieldValueRequired', 'spec.selector', 'Required value'],
      [
        'FieldValueInvalid',
        'spec.template.metadata.labels',
        'Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      ],
      [
        'FieldValueNotSupported',
        'spec.template.spec.restartPolicy',
        'Unsupported value: "Never": supported values: "Always"',
      ],
    ],
  },
]

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16 })
  sim.advance(BOOT_MS)
})

const kindOf = (path: string) =>
  path === PODS
    ? { kind: 'Pod' }
    : { group: 'apps', kind: path === DEPLOYMENTS ? 'Deployment' : 'ReplicaSet' }

describe('the exact v1.32 Status for an invalid object', () => {
  it.each(CASES)('$name', ({ path, manifest, message, causes }) => {
    const response = sim.request({ method: 'POST', path, body: JSON.stringify(parse(manifest)) })
    expect(response.code).toBe(422)
    expect(response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Invalid',
      details: {
        name: 'web',
        ...kindOf(path),
        causes: causes.map(([reason, field, text]) => ({ reason, message: text, field })),
      },
      code: 422,
    })
    // Nothing was stored (the controllers' own writes go on, so the revision is no witness).
    expect(sim.request({ method: 'GET', path: `${path}/web` }).code).toBe(404)
  })
})
