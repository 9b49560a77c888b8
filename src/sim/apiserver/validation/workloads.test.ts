import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'

const deployment = (spec: string, labels = 'app: web') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
${spec}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {${labels}}}
    spec: {containers: [{name: web, image: nginx}]}
`
const job = (spec: string, policy = '') => `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
${spec}
  template:
    spec: {${policy}containers: [{name: pi, image: perl}]}
`

// ValidateDeploymentSpec / ValidateRollingUpdateDeployment / ValidateDeploymentStrategy
// (pkg/apis/apps/validation), ValidateJobSpec (pkg/apis/batch/validation), ValidateLeaseSpec
// (pkg/apis/coordination/validation), v1.32; bad values print as field.Error does (%#v for
// IntOrString and structs, %v for numbers).
const CASES: [string, string, string][] = [
  [
    'negative replicas',
    deployment('  replicas: -1'),
    'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  ],
  [
    'maxSurge and maxUnavailable both 0',
    deployment('  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}'),
    'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ],
  [
    'both 0%',
    deployment('  strategy: {rollingUpdate: {maxSurge: "0%", maxUnavailable: "0%"}}'),
    'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
  ],
  [
    'maxUnavailable over 100%',
    deployment('  strategy: {rollingUpdate: {maxUnavailable: "120%"}}'),
    'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
  ],
  [
    'rollingUpdate with Recreate',
    deployment('  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}'),
    'The Deployment "web" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'',
  ],
  [
    'unknown strategy type',
    deployment('  strategy: {type: Blue}'),
    'The Deployment "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Blue", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
  ],
  [
    'progress deadline not above minReadySeconds',
    deployment('  progressDeadlineSeconds: 5\n  minReadySeconds: 10'),
    'The Deployment "web" is invalid: spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
  ],
  [
    'selector not matching the template',
    deployment('  replicas: 1', 'app: other'),
    'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
  ],
  [
    'a Job whose pods would restart Always (the Pod default)',
    job('  backoffLimit: 4'),
    'The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
  ],
  [
    'negative parallelism and backoffLimit',
    job('  parallelism: -1\n  backoffLimit: -1', 'restartPolicy: Never, '),
    // kubectl v1.32 lists several causes one a line (kubectl's StandardErrorMessage).
    'The Job "pi" is invalid: \n* spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n* spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
  ],
  [
    'a Lease with a zero duration and negative transitions',
    'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l}\nspec: {leaseDurationSeconds: 0, leaseTransitions: -1}\n',
    'The Lease "l" is invalid: \n* spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0\n* spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
  ],
]

describe('Deployment, Job and Lease validation (kube-apiserver v1.32 messages)', () => {
  const sim = createSimulation({ seed: 1 })
  sim.advance(BOOT_MS)

  it.each(CASES)('%s', (_, manifest, output) => {
    expect(sim.kubectl('apply -f -', manifest)).toEqual({ exitCode: 1, output })
  })

  it('a Deployment selector is immutable', () => {
    expect(sim.kubectl('apply -f -', deployment('  replicas: 1')).exitCode).toBe(0)
    const changed = deployment('  replicas: 1', 'app: web, tier: x').replace(
      'matchLabels: {app: web}',
      'matchLabels: {app: web, tier: x}',
    )
    expect(sim.kubectl('apply -f -', changed).output).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    )
  })

  it('defaults a Deployment as v1.32 does', () => {
    const spec = sim.snapshot().objects.find((o) => o.kind === 'Deployment')?.['spec']
    expect(spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: { spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30 } },
    })
  })
})
