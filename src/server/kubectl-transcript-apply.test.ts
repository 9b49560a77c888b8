import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { createSimulation } from '../sim/index'
import { podManifest, probeKubectlV132, servedKubectl } from './testing/served-kubectl'

/**
 * The real kubectl (v1.32, on PATH) against `npm run serve`, applying: server-side apply and its
 * conflicts, the request size limits, the API server's Invalid Statuses and kubectl's own refusals,
 * each compared with what kubectl prints against a v1.32 cluster and with what the simulation's own
 * kubectl prints for the same command.
 */

const probe = probeKubectlV132()
if (!probe.ok) console.warn(`SKIPPED the real-kubectl apply transcript: ${probe.why}`)

const cluster = servedKubectl('kcv-transcript-', { seed: 1, nodes: 3, etcdMembers: 3 })
const { kubectl, manifest } = cluster

// Generous timeouts: the machine running the tests may be busy, and the cluster runs in real time.
describe.skipIf(!probe.ok)(
  'the real kubectl v1.32 against npm run serve: applying',
  { timeout: 120_000 },
  () => {
    beforeAll(cluster.start, 60_000)
    afterAll(cluster.stop)

    it('apply --server-side: serverside-applied, a conflict with the client-side applier, --force-conflicts; managedFields only with --show-managed-fields', async () => {
      const deployment = (replicas: number) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ssa}\n  template:\n    metadata:\n      labels: {app: ssa}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`
      const two = manifest('ssa2.yaml', deployment(2))
      const three = manifest('ssa3.yaml', deployment(3))
      expect((await kubectl('apply', '-f', two)).stdout).toBe('deployment.apps/ssa created\n')
      expect(await kubectl('apply', '--server-side', '-f', two)).toEqual({
        code: 0,
        stdout: 'deployment.apps/ssa serverside-applied\n',
        stderr: '',
      })
      const conflict = await kubectl('apply', '--server-side', '-f', three)
      const advice = `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`
      expect(conflict).toEqual({ code: 1, stdout: '', stderr: advice })
      expect(await kubectl('apply', '--server-side', '--force-conflicts', '-f', three)).toEqual({
        code: 0,
        stdout: 'deployment.apps/ssa serverside-applied\n',
        stderr: '',
      })
      expect((await kubectl('get', 'deployment', 'ssa', '-o', 'yaml')).stdout).not.toContain(
        'managedFields',
      )
      const shown = (
        await kubectl('get', 'deployment', 'ssa', '-o', 'yaml', '--show-managed-fields')
      ).stdout
      const entries = shown.slice(
        shown.indexOf('  managedFields:\n'),
        shown.indexOf('\n  name: ssa'),
      )
      // The applier owns exactly what it applied (sorted Apply entries first, then Updates).
      expect(entries).toContain(
        [
          '    fieldsV1:',
          '      f:spec:',
          '        f:replicas: {}',
          '        f:selector: {}',
          '        f:template:',
          '          f:metadata:',
          '            f:labels:',
          '              f:app: {}',
          '          f:spec:',
          '            f:containers:',
          '              k:{"name":"web"}:',
          '                .: {}',
          '                f:image: {}',
          '                f:name: {}',
          '    manager: kubectl',
          '    operation: Apply',
        ].join('\n'),
      )
      const managers = [...entries.matchAll(/^ {4}manager: (.*)\n {4}operation: (.*)$/gm)].map(
        (m) => `${m[1] ?? ''} ${m[2] ?? ''}`,
      )
      // kubectl saves last-applied-configuration itself after a server-side apply (apply.go
      // saveLastApplyAnnotationIfNecessary); the client-side applier keeps what it still owns.
      // Apply entries first, by time (then name), then Updates.
      expect(managers.slice(0, 2).sort()).toEqual(['kubectl Apply', 'kubectl-last-applied Apply'])
      expect(managers[2]).toBe('kubectl-client-side-apply Update')
      const clientSide = (
        parseYaml(shown) as {
          metadata: { managedFields: { manager: string; fieldsV1: Record<string, object> }[] }
        }
      ).metadata.managedFields.find((e) => e.manager === 'kubectl-client-side-apply')
      // --force-conflicts took .spec.replicas from it; it keeps the rest it set.
      expect(clientSide?.fieldsV1['f:spec']).not.toHaveProperty('f:replicas')
      expect(clientSide?.fieldsV1['f:spec']).toHaveProperty('f:template')
      // The simulation's own kubectl prints the same conflict.
      const sim = createSimulation({ seed: 1 })
      sim.advance(3_000)
      sim.kubectl(`apply -f ${two}`, readFileSync(two, 'utf8'))
      expect(
        sim.kubectl(`apply --server-side -f ${three}`, readFileSync(three, 'utf8')).output,
      ).toBe(advice.trimEnd())
    })

    it('size limits: 413 over 3 MiB, etcd\'s "request is too large" over 1.5 MiB', async () => {
      const big = (name: string, bytes: number) =>
        `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"},"spec":{"containers":[{"name":"web","image":"nginx","env":[{"name":"BIG","value":"${'x'.repeat(bytes)}"}]}]}}`
      const huge = manifest('huge.json', big('huge', 3_200_000))
      expect(await kubectl('create', '-f', huge)).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error from server (RequestEntityTooLarge): error when creating "${huge}": Request entity too large: limit is 3145728\n`,
      })
      const large = manifest('large.json', big('large', 2_000_000))
      expect(await kubectl('create', '-f', large)).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error from server: error when creating "${large}": etcdserver: request is too large\n`,
      })
    })

    it("invalid objects: the API server's Invalid Status as kubectl prints it, one cause or several", async () => {
      const dotted = manifest(
        'dotted.yaml',
        podManifest('dotted', '    app: dotted').replace('- name: web', '- name: web.app'),
      )
      expect(await kubectl('apply', '-f', dotted)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'The Pod "dotted" is invalid: spec.containers[0].name: Invalid value: "web.app": must not contain dots\n',
      })
      const noSelector = manifest(
        'no-selector.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: nginx}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 0\n',
      )
      expect(await kubectl('apply', '-f', noSelector)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`\n* spec.template.spec.containers[0].ports[0].containerPort: Required value\n',
      })
      const portZero = manifest(
        'port-zero.yaml',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-svc\nspec:\n  selector: {app: web}\n  ports:\n  - port: 0\n',
      )
      const range = 'must be between 1 and 65535, inclusive'
      const serviceInvalid = `The Service "bad-svc" is invalid: \n* spec.ports[0].port: Invalid value: 0: ${range}\n* spec.ports[0].targetPort: Invalid value: 0: ${range}\n`
      expect(await kubectl('apply', '-f', portZero)).toEqual({
        code: 1,
        stdout: '',
        stderr: serviceInvalid,
      })
      // The simulated kubectl prints the same Status the same way.
      const sim = createSimulation({ seed: 1 })
      sim.advance(3_000)
      expect(sim.kubectl(`apply -f ${portZero}`, readFileSync(portZero, 'utf8')).output).toBe(
        serviceInvalid.trimEnd(),
      )
    })

    it("kubectl's own refusals, which the simulated kubectl prints the same", async () => {
      const inDev = manifest(
        'in-dev.yaml',
        podManifest('in-dev', '    app: dev').replace(
          '  name: in-dev\n',
          '  name: in-dev\n  namespace: dev\n',
        ),
      )
      const refused =
        'error: the namespace from the provided object "dev" does not match the namespace "prod". You must pass \'--namespace=dev\' to perform this operation.\n'
      expect(await kubectl('apply', '-f', inDev, '-n', 'prod')).toEqual({
        code: 1,
        stdout: '',
        stderr: refused,
      })
      const typo = manifest(
        'typo.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n    labels: x\n',
      )
      expect(await kubectl('apply', '-f', typo)).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: error parsing ${typo}: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n`,
      })
      // The same commands through the simulation's own kubectl (its -f reads the text it is given).
      const sim = createSimulation({ seed: 1 })
      sim.advance(3_000)
      expect(sim.kubectl(`apply -f ${inDev} -n prod`, readFileSync(inDev, 'utf8')).output).toBe(
        refused.trimEnd(),
      )
      expect(sim.kubectl(`apply -f ${typo}`, readFileSync(typo, 'utf8')).output).toBe(
        `error: error parsing ${typo}: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context`,
      )
    })
  },
)
