import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cells,
  podManifest,
  probeKubectlV132,
  servedKubectl,
  until,
} from './testing/served-kubectl'

/**
 * The real kubectl (v1.32, on PATH) against `npm run serve`: each command's output compared with
 * what kubectl prints against a v1.32 cluster. Tables are compared cell by cell with the AGE cells
 * masked (the served simulation runs against the wall clock); everything else is compared as text.
 * Server-side apply, the size limits, Invalid Statuses and kubectl's own refusals are in
 * kubectl-transcript-apply.test.ts.
 */

const probe = probeKubectlV132()
if (!probe.ok) console.warn(`SKIPPED the real-kubectl transcript suite: ${probe.why}`)

const cluster = servedKubectl('kcv-transcript-', { seed: 1, nodes: 3, etcdMembers: 3 })
const { kubectl, manifest, waitForPhase } = cluster

// Generous timeouts: the machine running the tests may be busy, and the cluster runs in real time.
describe.skipIf(!probe.ok)(
  'the real kubectl v1.32 against npm run serve',
  { timeout: 120_000 },
  () => {
    beforeAll(cluster.start, 60_000)
    afterAll(cluster.stop)

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
      const file = manifest('web.yaml', podManifest('web', '    app: web'))
      expect(await kubectl('apply', '-f', file)).toEqual({
        code: 0,
        stdout: 'pod/web created\n',
        stderr: '',
      })
      expect((await kubectl('apply', '-f', file)).stdout).toBe('pod/web unchanged\n')
      const relabelled = manifest('web2.yaml', podManifest('web', '    app: web\n    tier: front'))
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
        env: { ...process.env, KUBECONFIG: cluster.server.kubeconfig },
      })
      let output = ''
      watch.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      await until(() => cluster.server.served.openWatches() > 0)
      const file = manifest('watched.yaml', podManifest('watched', '    app: watched'))
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
      await until(() => cluster.server.served.openWatches() === 0)
    })

    it('create and delete, with the errors kubectl prints for a duplicate and a missing object', async () => {
      const file = manifest('made.yaml', podManifest('made', '    app: made'))
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
  },
)
