/**
 * `kubectl run`, `kubectl create deployment` and `kubectl scale` for
 * Deployments and ReplicaSets (through the /scale subresource).
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and generate/versioned/run.go
 * (the Pod it builds), cmd/create/create_deployment.go, cmd/set/set_image.go,
 * cmd/scale/scale.go. Request bodies and output checked against the real kubectl v1.32.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { Deployment } from 'kubernetes-types/apps/v1'
import { findResourceByAlias, restPath, type ResourceInfo } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { API_SERVER_URL, isTransportFailure } from '../runtime/api-client'
import { fail, print } from './commands'
import { formatApiError, resourceName, toYaml } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf, klogCommandFailed, splitTarget, workloadCall } from './workload-call'

const parseLabels = (text: string | undefined, fallback: Record<string, string>) =>
  text === undefined
    ? fallback
    : Object.fromEntries(text.split(',').map((kv) => kv.split('=', 2) as [string, string]))

/** "deployments.apps": the alias findResourceByAlias resolves back to the same resource. */
export const aliasOf = (info: ResourceInfo) =>
  info.group === '' ? info.resource : `${info.resource}.${info.group}`

/** generate/versioned/run.go BasicPod: the Pod `kubectl run` sends. */
function runPod(cmd: KubectlCommand, name: string, image: string): KubeObject {
  const container: Container = { name, image, resources: {} }
  const port = cmd.flags['port']
  if (port !== undefined) container.ports = [{ containerPort: Number(port) }]
  const pod: Pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      creationTimestamp: null as unknown as string,
      labels: parseLabels(cmd.flags['labels'], { run: name }),
    },
    spec: {
      containers: [container],
      restartPolicy: cmd.flags['restart'] ?? 'Always',
      dnsPolicy: 'ClusterFirst',
    },
    status: {},
  }
  return pod as KubeObject
}

/** create_deployment.go createDeployment: one container per --image, named after the image. */
function newDeployment(cmd: KubectlCommand, name: string, images: string[]): KubeObject {
  const labels = { app: name }
  const port = cmd.flags['port']
  const containers: Container[] = images.map((image) => ({
    name: (image.split('/').pop() ?? image).split(/[:@]/)[0] ?? image,
    image,
    ...(port !== undefined ? { ports: [{ containerPort: Number(port) }] } : {}),
    resources: {},
  }))
  const deployment: Deployment = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, creationTimestamp: null as unknown as string, labels },
    spec: {
      replicas: Number(cmd.flags['replicas'] ?? '1'),
      selector: { matchLabels: labels },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null as unknown as string, labels },
        spec: { containers },
      },
    },
    status: {},
  }
  return deployment as KubeObject
}

/** --dry-run=client: print the object (-o yaml / -o json / -o name) or "<kind>/<name> created (dry run)". */
function dryRun(cmd: KubectlCommand, object: KubeObject, created: string): boolean {
  const output = cmd.flags['output']
  if (output === 'yaml') print(cmd, toYaml(object))
  else if (output === 'json') print(cmd, `${JSON.stringify(object, null, 4)}\n`)
  else print(cmd, `${created} (dry run)`)
  return false
}

export function startRun(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const name = cmd.positional[0]
  const image = cmd.flags['image']
  if (name === undefined) {
    fail(cmd, 'error: NAME is required for run')
    return false
  }
  if (image === undefined) {
    fail(cmd, klogCommandFailed(ctx.nowMs, 'required flag(s) "image" not set'))
    return false
  }
  const pod = runPod(cmd, name, image)
  if (cmd.flags['dry-run'] === 'client') return dryRun(cmd, pod, `pod/${name} created`)
  cmd.flow = { verb: 'run', namespace: cmd.namespace, name, data: {} }
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${cmd.namespace}/pods`,
      body: pod,
      label: `POST /api/v1/namespaces/${cmd.namespace}/pods (Pod ${name})`,
    },
    'workload-created',
  )
  return true
}

export function startCreateDeployment(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const name = cmd.positional[1]
  const images = cmd.flags['image']?.split(',') ?? []
  if (name === undefined) {
    fail(
      cmd,
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples",
    )
    return false
  }
  if (images.length === 0) {
    fail(cmd, klogCommandFailed(ctx.nowMs, 'required flag(s) "image" not set'))
    return false
  }
  const replicas = cmd.flags['replicas']
  if (replicas !== undefined && !/^-?\d+$/.test(replicas)) {
    fail(
      cmd,
      `Error: invalid argument "${replicas}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${replicas}": invalid syntax\nSee 'kubectl create deployment --help' for usage.`,
    )
    return false
  }
  const deployment = newDeployment(cmd, name, images)
  if (cmd.flags['dry-run'] === 'client')
    return dryRun(cmd, deployment, `deployment.apps/${name} created`)
  cmd.flow = { verb: 'create deployment', namespace: cmd.namespace, name, data: {} }
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'POST',
      path: `/apis/apps/v1/namespaces/${cmd.namespace}/deployments`,
      // What kubectl create sends (create.go: fieldManager, and --validate=strict by default).
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' },
      body: deployment,
      label: `POST /apis/apps/v1/namespaces/${cmd.namespace}/deployments (Deployment ${name})`,
    },
    'workload-created',
  )
  return true
}

/** `pod/nginx created`, `deployment.apps/nginx created`, or the API server's error. */
export function onCreated(cmd: KubectlCommand, code: number, body: unknown): void {
  const flow = flowOf(cmd)
  if (code === 201) {
    print(cmd, `${flow.verb === 'run' ? 'pod' : 'deployment.apps'}/${flow.name} created`)
    return
  }
  if (isTransportFailure(body) && flow.verb !== 'run') {
    const { request, error } = body.transport
    fail(cmd, `error: failed to create deployment: ${request ?? ''}: ${error}`)
    return
  }
  // create_deployment.go wraps the API error (fmt.Errorf), so it prints as a plain error.
  if (flow.verb !== 'run') {
    const message = (body as { message?: string } | undefined)?.message ?? ''
    fail(cmd, `error: failed to create deployment: ${message}`)
    return
  }
  fail(cmd, formatApiError(body))
}

/** `kubectl scale deployment|replicaset NAME --replicas=N` PATCHes the /scale subresource. */
export function startScaleSubresource(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const target = splitTarget(cmd.positional)
  const info = findResourceByAlias(target.type)
  const replicas = cmd.flags['replicas']
  if (!info || target.name === undefined) {
    fail(cmd, 'error: resource(s) were provided, but no name was specified')
    return false
  }
  if (replicas === undefined) {
    fail(cmd, klogCommandFailed(ctx.nowMs, 'required flag(s) "replicas" not set'))
    return false
  }
  // ScaleOptions.Validate (kubectl/pkg/cmd/scale/scale.go, v1.32): nothing is sent.
  if (Number(replicas) < 0) {
    fail(
      cmd,
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    )
    return false
  }
  cmd.flow = {
    verb: 'scale',
    namespace: cmd.namespace,
    name: target.name,
    data: { alias: aliasOf(info) },
  }
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'PATCH',
      path: restPath(info, cmd.namespace, target.name, 'scale'),
      body: { spec: { replicas: Number(replicas) } },
      contentType: 'application/merge-patch+json',
    },
    'scale-patch',
  )
  return true
}

export function onScalePatch(cmd: KubectlCommand, code: number, body: unknown): void {
  const flow = flowOf(cmd)
  const info = findResourceByAlias(flow.data['alias'] as string)
  if (code === 200 && info) return print(cmd, `${resourceName(info, flow.name)} scaled`)
  if (isTransportFailure(body) && info) {
    // kubectl GETs the object first (the sim PATCHes /scale at once): that GET is what fails.
    return fail(
      cmd,
      `error: no objects passed to scale Get "${API_SERVER_URL}${restPath(info, flow.namespace, flow.name)}": ${body.transport.error}`,
    )
  }
  fail(cmd, formatApiError(body))
}
