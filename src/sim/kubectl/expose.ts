/**
 * `kubectl expose (pod|deployment|replicaset|service) NAME [--port=] [--target-port=]
 * [--protocol=] [--name=] [--type=]`: GET the object, take its selector (a Pod's labels, a
 * workload's matchLabels, a Service's selector), its labels and, without --port, its container
 * ports, then POST the Service. Errors are kubectl's.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go, polymorphichelpers
 * mapbasedselectorforobject.go, portsforobject.go (v1.32).
 */
import type { Container, Pod, Service, ServicePort } from 'kubernetes-types/core/v1'
import { findResourceByAlias, restPath } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { fail, print, succeeded } from './commands'
import { formatApiError } from './output'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

const EXPOSABLE = ['Pod', 'Service', 'Deployment', 'ReplicaSet']

export function startExpose(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const [first = '', second] = cmd.positional
  const [type = '', slashName] = first.split('/', 2)
  const name = slashName ?? second
  const info = findResourceByAlias(type)
  if (type === '' || name === undefined) {
    fail(
      cmd,
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    )
    return false
  }
  if (!info) {
    fail(cmd, `error: the server doesn't have a resource type "${type}"`)
    return false
  }
  if (!EXPOSABLE.includes(info.kind)) {
    fail(cmd, `error: cannot expose a ${info.kind}`)
    return false
  }
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'GET', path: restPath(info, cmd.namespace, name), step: 1 },
    { purpose: 'expose-get', data: { cmd: cmd.id, kind: info.kind } },
  )
  return true
}

function selectorOf(object: KubeObject, kind: string): Record<string, string> | string {
  if (kind === 'Pod') {
    const labels = object.metadata?.labels ?? {}
    return Object.keys(labels).length > 0 ? labels : 'the pod has no labels and cannot be exposed'
  }
  if (kind === 'Service') {
    const selector = (object as Service).spec?.selector ?? {}
    return Object.keys(selector).length > 0 ? selector : 'the service has no pod selector set'
  }
  const spec = object['spec'] as
    | { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } }
    | undefined
  if ((spec?.selector?.matchExpressions ?? []).length > 0)
    return `couldn't convert expressions - "${JSON.stringify(spec?.selector?.matchExpressions)}" to map-based selector format`
  return spec?.selector?.matchLabels ?? {}
}

function containersOf(object: KubeObject, kind: string): Container[] {
  if (kind === 'Pod') return (object as Pod).spec?.containers ?? []
  if (kind === 'Service') return []
  const template = (
    object['spec'] as { template?: { spec?: { containers?: Container[] } } } | undefined
  )?.template
  return template?.spec?.containers ?? []
}

function portsOf(cmd: KubectlCommand, object: KubeObject, kind: string): ServicePort[] | string {
  const protocol = cmd.flags['protocol'] ?? 'TCP'
  const target = cmd.flags['target-port']
  const targetPort =
    target === undefined ? undefined : /^\d+$/.test(target) ? Number(target) : target
  const explicit = cmd.flags['port']
  let numbers: number[]
  if (explicit !== undefined) numbers = explicit.split(',').map(Number)
  else if (kind === 'Service') numbers = ((object as Service).spec?.ports ?? []).map((p) => p.port)
  else
    numbers = containersOf(object, kind).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort))
  if (numbers.length === 0) return "couldn't find port via --port flag or introspection"
  return numbers.map((port, i) => ({
    ...(numbers.length > 1 ? { name: `port-${i + 1}` } : {}),
    port,
    protocol,
    targetPort: targetPort ?? port,
  }))
}

/** The object to expose arrived: build the Service and POST it. Returns whether it continues. */
export function onExposeGet(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  kind: string,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const object = body as KubeObject
  const selector = selectorOf(object, kind)
  if (typeof selector === 'string') {
    fail(
      cmd,
      `error: couldn't retrieve selectors via --selector flag or introspection: ${selector}`,
    )
    return false
  }
  const ports = portsOf(cmd, object, kind)
  if (typeof ports === 'string') {
    fail(cmd, `error: ${ports}`)
    return false
  }
  const name = cmd.flags['name'] ?? object.metadata?.name ?? ''
  const labels = object.metadata?.labels
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels && Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: {
      ports,
      selector,
      ...(cmd.flags['type'] !== undefined ? { type: cmd.flags['type'] } : {}),
      ...(cmd.flags['external-ip'] !== undefined
        ? { externalIPs: [cmd.flags['external-ip']] }
        : {}),
    },
  }
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'POST',
      path: `/api/v1/namespaces/${cmd.namespace}/services`,
      body: service,
      step: 1,
    },
    { purpose: 'expose-create', data: { cmd: cmd.id, name } },
  )
  return true
}

export function onExposeCreate(
  cmd: KubectlCommand,
  name: string,
  code: number,
  body: unknown,
): void {
  if (code === 201) print(cmd, `service/${name} exposed`)
  else fail(cmd, formatApiError(body))
}
