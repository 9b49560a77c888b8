import { execFile, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { createSimulation } from '../sim/index'
import { startServer, type RunningServer } from './serve'

/**
 * The real kubectl (v1.32, on PATH) against `npm run serve`: each command's output compared with
 * what kubectl prints against a v1.32 cluster. Tables are compared cell by cell with the AGE cells
 * masked (the served simulation runs against the wall clock); everything else is compared as text.
 */

interface Run {
  code: number
  stdout: string
  stderr: string
}

function kubectlVersion(): { ok: true } | { ok: false; why: string } {
  const probe = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return { ok: false, why: 'kubectl is not on PATH' }
  const version = (JSON.parse(probe.stdout) as { clientVersion?: { gitVersion?: string } })
    .clientVersion?.gitVersion
  if (!version?.startsWith('v1.32.'))
    return { ok: false, why: `kubectl is ${version ?? 'of unknown version'}, not v1.32` }
  return { ok: true }
}

const probe = kubectlVersion()
if (!probe.ok) console.warn(`SKIPPED the real-kubectl transcript suite: ${probe.why}`)

let server: RunningServer
let dir: string

function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: server.kubeconfig }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** A file in the test's directory, for -f. */
function manifest(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const AGE = /^(\d+(s|m|h|d)(\d+(s|m|h))?|<invalid>)$/

/** A printed table as cells (columns are two or more spaces apart), AGE values masked. */
function cells(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/ {2,}/)
        .map((cell) => (AGE.test(cell) ? '<age>' : cell)),
    )
}

const pod = (name: string, labels: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels}
spec:
  containers:
  - name: web
    image: nginx:1.27
`

/** Waits (polling) until `condition` holds; the test's timeout bounds it. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100))
}

/** Polls the Pod's phase with kubectl until it is `phase`; the test's timeout bounds it. */
async function waitForPhase(name: string, phase: string): Promise<void> {
  for (;;) {
    const run = await kubectl('get', 'pod', name, '-o', 'jsonpath={.status.phase}')
    if (run.stdout === phase) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

// Generous timeouts: the machine running the tests may be busy, and the cluster runs in real time.
describe.skipIf(!probe.ok)(
  'the real kubectl v1.32 against npm run serve',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kcv-transcript-'))
      server = await startServer({
        host: '127.0.0.1',
        port: 0,
        viewerPort: 0,
        dir,
        sim: { seed: 1, nodes: 3, etcdMembers: 3 },
        speed: 4,
        followMessages: false,
        bootMs: 3_000,
      })
    }, 60_000)
    afterAll(async () => {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('version: the server is v1.32.0', async () => {
      const run = await kubectl('version')
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^Server Version: v1\.32\.0$/m)
      expect(run.stderr).toBe('')
    })

    it('get nodes, and -o wide', async () => {
      const nodes = await kubectl('get', 'nodes')
      expect(cells(nodes.stdout)).toEqual([
        ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
        ['node-1', 'Ready', '<none>', '<age>', 'v1.32.0'],
        ['node-2', 'Ready', '<none>', '<age>', 'v1.32.0'],
        ['node-3', 'Ready', '<none>', '<age>', 'v1.32.0'],
      ])
      const wide = await kubectl('get', 'nodes', '-o', 'wide')
      const table = cells(wide.stdout)
      expect(table[0]).toEqual([
        'NAME',
        'STATUS',
        'ROLES',
        'AGE',
        'VERSION',
        'INTERNAL-IP',
        'EXTERNAL-IP',
        'OS-IMAGE',
        'KERNEL-VERSION',
        'CONTAINER-RUNTIME',
      ])
      expect(table[1]?.slice(0, 7)).toEqual([
        'node-1',
        'Ready',
        '<none>',
        '<age>',
        'v1.32.0',
        '10.0.0.11',
        '<none>',
      ])
    })

    it('api-resources lists what the server serves, as kubectl prints discovery', async () => {
      const run = await kubectl('api-resources')
      expect(cells(run.stdout)).toEqual([
        ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
        ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
        ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
        ['events', 'ev', 'v1', 'true', 'Event'],
        ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
        ['nodes', 'no', 'v1', 'false', 'Node'],
        ['pods', 'po', 'v1', 'true', 'Pod'],
        ['secrets', 'v1', 'true', 'Secret'],
        ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
        ['services', 'svc', 'v1', 'true', 'Service'],
        ['daemonsets', 'ds', 'apps/v1', 'true', 'DaemonSet'],
        ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
        ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
        ['selfsubjectreviews', 'authentication.k8s.io/v1', 'false', 'SelfSubjectReview'],
        ['selfsubjectaccessreviews', 'authorization.k8s.io/v1', 'false', 'SelfSubjectAccessReview'],
        ['selfsubjectrulesreviews', 'authorization.k8s.io/v1', 'false', 'SelfSubjectRulesReview'],
        ['jobs', 'batch/v1', 'true', 'Job'],
        ['leases', 'coordination.k8s.io/v1', 'true', 'Lease'],
        ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'],
        ['clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding'],
        ['clusterroles', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole'],
        ['rolebindings', 'rbac.authorization.k8s.io/v1', 'true', 'RoleBinding'],
        ['roles', 'rbac.authorization.k8s.io/v1', 'true', 'Role'],
        ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', 'false', 'PriorityClass'],
      ])
    })

    it('explain reads the OpenAPI v3 schema', async () => {
      const run = await kubectl('explain', 'deployment.spec.replicas')
      expect(run.stdout).toBe(
        [
          'GROUP:      apps',
          'KIND:       Deployment',
          'VERSION:    v1',
          '',
          'FIELD: replicas <integer>',
          '',
          '',
          'DESCRIPTION:',
          '    Number of desired pods. This is a pointer to distinguish between explicit',
          '    zero and not specified. Defaults to 1.',
          '    ',
          '',
          '',
        ].join('\n'),
      )
    })

    it('apply: created, unchanged, configured; the object carries last-applied-configuration', async () => {
      const file = manifest('web.yaml', pod('web', '    app: web'))
      expect(await kubectl('apply', '-f', file)).toEqual({
        code: 0,
        stdout: 'pod/web created\n',
        stderr: '',
      })
      expect((await kubectl('apply', '-f', file)).stdout).toBe('pod/web unchanged\n')
      const relabelled = manifest('web2.yaml', pod('web', '    app: web\n    tier: front'))
      expect((await kubectl('apply', '-f', relabelled)).stdout).toBe('pod/web configured\n')

      const json = await kubectl('get', 'pod', 'web', '-o', 'json')
      const object = JSON.parse(json.stdout) as {
        metadata: { annotations: Record<string, string>; labels: Record<string, string> }
        spec: Record<string, unknown> & { containers: Record<string, unknown>[] }
      }
      expect(object.metadata.labels).toEqual({ app: 'web', tier: 'front' })
      expect(object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web","tier":"front"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}\n',
      )
      // SetDefaults_Pod / SetDefaults_Container (pkg/apis/core/v1/defaults.go, v1.32).
      expect(object.spec).toMatchObject({
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
      })
      expect(object.spec.containers[0]).toMatchObject({
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      })

      const yaml = await kubectl('get', 'pod', 'web', '-o', 'yaml')
      expect(yaml.stdout.split('\n').slice(0, 5)).toEqual([
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  annotations:',
        '    kubectl.kubernetes.io/last-applied-configuration: |',
      ])
    })

    it('get pods -o wide once the Pod runs; describe', async () => {
      await waitForPhase('web', 'Running')
      const wide = cells((await kubectl('get', 'pods', '-o', 'wide')).stdout)
      expect(wide[0]).toEqual([
        'NAME',
        'READY',
        'STATUS',
        'RESTARTS',
        'AGE',
        'IP',
        'NODE',
        'NOMINATED NODE',
        'READINESS GATES',
      ])
      expect(wide[1]?.slice(0, 5)).toEqual(['web', '1/1', 'Running', '0', '<age>'])
      expect(wide[1]?.[5]).toMatch(/^10\.244\.\d+\.\d+$/)
      expect(wide[1]?.[6]).toMatch(/^node-[123]$/)
      expect(wide[1]?.slice(7)).toEqual(['<none>', '<none>'])

      // The whole describe text, with what differs per run masked: the node, times, IPs, ids.
      const described = (await kubectl('describe', 'pod', 'web')).stdout
        .replace(/node-[123]/g, 'node-N')
        .replace(/10\.0\.0\.1[123]/g, '10.0.0.1N')
        .replace(/10\.244\.\d+\.\d+/g, '10.244.N.N')
        .replace(/\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000/g, '<time>')
        .replace(/containerd:\/\/[0-9a-f]{64}/, 'containerd://<id>')
        .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-xxxxx')
      const [head, events = ''] = described.split('Events:\n')
      expect(head).toBe(`Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-N/10.0.0.1N
Start Time:       <time>
Labels:           app=web
                  tier=front
Annotations:      <none>
Status:           Running
IP:               10.244.N.N
IPs:
  IP:  10.244.N.N
Containers:
  web:
    Container ID:   containerd://<id>
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:50c353474fc351b452c3566d51c354da4cc34cfb4bc34b684ec350214dc34e8e
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      <time>
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-xxxxx (ro)
Conditions:
  Type                        Status
  PodScheduled                True 
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
Volumes:
  kube-api-access-xxxxx:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`)
      const rows = cells(events)
      expect(rows.slice(0, 3)).toEqual([
        ['Type', 'Reason', 'Age', 'From', 'Message'],
        ['----', '------', '----', '----', '-------'],
        [
          'Normal',
          'Scheduled',
          '<age>',
          'default-scheduler',
          'Successfully assigned default/web to node-N',
        ],
      ])
      // The node had the image already, or pulled it (kubelet's image manager, v1.32 wording).
      const pull = rows.slice(3, -2)
      const pulledNow = expect.stringMatching(
        /^Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/,
      ) as string
      expect(pull).toEqual(
        pull.length === 1
          ? [
              [
                'Normal',
                'Pulled',
                '<age>',
                'kubelet',
                'Container image "nginx:1.27" already present on machine',
              ],
            ]
          : [
              ['Normal', 'Pulling', '<age>', 'kubelet', 'Pulling image "nginx:1.27"'],
              ['Normal', 'Pulled', '<age>', 'kubelet', pulledNow],
            ],
      )
      expect(rows.slice(-2)).toEqual([
        ['Normal', 'Created', '<age>', 'kubelet', 'Created container: web'],
        ['Normal', 'Started', '<age>', 'kubelet', 'Started container web'],
      ])
    })

    it('logs prints the container log as text, as the kubelet hands it over', async () => {
      await waitForPhase('web', 'Running')
      const run = await kubectl('logs', 'web')
      expect(run.code).toBe(0)
      expect(run.stdout.split('\n')[0]).toBe(
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      )
      expect(run.stdout).toContain('[notice] 1#1: start worker processes\n')
    })

    it('get -w prints a row per change, the header once', async () => {
      const watch = spawn('kubectl', ['get', 'pods', '-l', 'app=watched', '-w'], {
        env: { ...process.env, KUBECONFIG: server.kubeconfig },
      })
      let output = ''
      watch.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      await until(() => server.served.openWatches() > 0)
      const file = manifest('watched.yaml', pod('watched', '    app: watched'))
      expect((await kubectl('apply', '-f', file)).stdout).toBe('pod/watched created\n')
      await waitForPhase('watched', 'Running')
      expect((await kubectl('delete', 'pod', 'watched')).stdout).toBe('pod "watched" deleted\n')
      await until(() => output.includes('Terminating'))
      watch.kill()
      const rows = cells(output)
      expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'])
      expect(rows.filter((r) => r[0] === 'NAME')).toHaveLength(1)
      const statuses = rows.slice(1).map((r) => r[2])
      const changes = statuses.filter((s, i) => s !== statuses[i - 1])
      expect(changes.slice(0, 4)).toEqual([
        'Pending',
        'ContainerCreating',
        'Running',
        'Terminating',
      ])
      expect(rows.slice(1).every((r) => r[0] === 'watched')).toBe(true)
    })

    it('get -w ends quietly at its --request-timeout', async () => {
      const run = await kubectl('get', 'pods', '-l', 'app=none', '-w', '--request-timeout=2s')
      expect(run).toEqual({ code: 0, stdout: '', stderr: '' })
      await until(() => server.served.openWatches() === 0)
    })

    it('create and delete, with the errors kubectl prints for a duplicate and a missing object', async () => {
      const file = manifest('made.yaml', pod('made', '    app: made'))
      expect(await kubectl('create', '-f', file)).toEqual({
        code: 0,
        stdout: 'pod/made created\n',
        stderr: '',
      })
      expect(await kubectl('create', '-f', file)).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error from server (AlreadyExists): error when creating "${file}": pods "made" already exists\n`,
      })
      expect((await kubectl('delete', 'pod', 'made')).stdout).toBe('pod "made" deleted\n')
      expect(await kubectl('get', 'pod', 'made')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error from server (NotFound): pods "made" not found\n',
      })
    })

    it('cordon and uncordon a node', async () => {
      expect((await kubectl('cordon', 'node-2')).stdout).toBe('node/node-2 cordoned\n')
      expect(cells((await kubectl('get', 'node', 'node-2')).stdout)[1]).toEqual([
        'node-2',
        'Ready,SchedulingDisabled',
        '<none>',
        '<age>',
        'v1.32.0',
      ])
      expect((await kubectl('uncordon', 'node-2')).stdout).toBe('node/node-2 uncordoned\n')
    })

    it('scale a Deployment through its /scale subresource; the ReplicaSet follows', async () => {
      const file = manifest(
        'deploy.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: nginx:1.27\n',
      )
      expect((await kubectl('apply', '-f', file)).stdout).toBe('deployment.apps/api created\n')
      expect(await kubectl('scale', 'deployment', 'api', '--replicas=3')).toEqual({
        code: 0,
        stdout: 'deployment.apps/api scaled\n',
        stderr: '',
      })
      const replicas = async () =>
        (await kubectl('get', 'rs', '-l', 'app=api', '-o', 'jsonpath={.items[0].spec.replicas}'))
          .stdout
      for (let seen = await replicas(); seen !== '3'; seen = await replicas())
        await new Promise((resolve) => setTimeout(resolve, 200))
      // kubectl scale names no fieldManager: the server records it by its User-Agent, "kubectl".
      const managers = await kubectl(
        'get',
        'deployment',
        'api',
        '--show-managed-fields',
        '-o',
        'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource}{"\\n"}{end}',
      )
      expect(managers.stdout.trimEnd().split('\n').sort()).toEqual([
        'kube-controller-manager/Update/status',
        'kubectl-client-side-apply/Update/',
        'kubectl/Update/scale',
      ])
      // kubectl refuses a negative count itself (scale.go Validate), sending nothing.
      expect(await kubectl('scale', 'deployment', 'api', '--replicas=-1')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
      })
    })

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
        pod('dotted', '    app: dotted').replace('- name: web', '- name: web.app'),
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
        pod('in-dev', '    app: dev').replace(
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
