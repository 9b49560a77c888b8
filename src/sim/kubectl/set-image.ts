/**
 * `kubectl set image TYPE/NAME container=image ...`: read the object, then patch only the
 * containers whose image changes (nothing printed when none does).
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go (v1.32); request bodies and output
 * checked against the real kubectl v1.32.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { findResourceByAlias, restPath } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { fail, print, succeeded } from './commands'
import { aliasOf } from './run-commands'
import { formatApiError, resourceName } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf, splitTarget, workloadCall } from './workload-call'

/** set image TYPE/NAME container=image …: read the object, then patch the images that change. */
export function startSetImage(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const [sub, ...rest] = cmd.positional
  const specs = rest.filter((a) => a.includes('='))
  const target = splitTarget(rest.filter((a) => !a.includes('=')))
  const info = findResourceByAlias(target.type)
  if (sub !== 'image' || !info || target.name === undefined || specs.length === 0) {
    fail(
      cmd,
      "error: you must specify a resource and at least one container=image pair\nSee 'kubectl set image -h' for help and examples",
    )
    return false
  }
  cmd.flow = {
    verb: 'set image',
    namespace: cmd.namespace,
    name: target.name,
    data: {
      alias: aliasOf(info),
      images: Object.fromEntries(specs.map((s) => s.split('=', 2) as [string, string])),
    },
  }
  workloadCall(
    ctx,
    state,
    cmd,
    { method: 'GET', path: restPath(info, cmd.namespace, target.name) },
    'set-image-get',
  )
  return true
}

function podSpecOf(
  object: KubeObject,
): { containers?: Container[]; initContainers?: Container[] } | undefined {
  if (object.kind === 'Pod') return object['spec'] as Pod['spec']
  return (object['spec'] as { template?: { spec?: Pod['spec'] } } | undefined)?.template?.spec
}

/** The object read: build the patch (or say which container is missing), then send it. */
export function onSetImageGet(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const flow = flowOf(cmd)
  const object = body as KubeObject
  const images = flow.data['images'] as Record<string, string>
  const containers = podSpecOf(object)?.containers ?? []
  const changed: Container[] = []
  for (const [name, image] of Object.entries(images)) {
    const matching = name === '*' ? containers : containers.filter((c) => c.name === name)
    if (matching.length === 0) {
      fail(cmd, `error: unable to find container named "${name}"`)
      return false
    }
    for (const c of matching) if (c.image !== image) changed.push({ name: c.name, image })
  }
  if (changed.length === 0) return false
  const patch =
    object.kind === 'Pod'
      ? { spec: { containers: changed } }
      : { spec: { template: { spec: { containers: changed } } } }
  const info = findResourceByAlias(flow.data['alias'] as string)
  if (!info) return false
  workloadCall(
    ctx,
    state,
    cmd,
    {
      method: 'PATCH',
      path: restPath(info, cmd.namespace, flow.name),
      body: patch,
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH ${info.resource}/${flow.name} (set image)`,
    },
    'set-image-patch',
  )
  return true
}

export function onSetImagePatch(cmd: KubectlCommand, code: number, body: unknown): void {
  const flow = flowOf(cmd)
  if (code !== 200) return fail(cmd, formatApiError(body))
  const info = findResourceByAlias(flow.data['alias'] as string)
  if (info) print(cmd, `${resourceName(info, flow.name)} image updated`)
}
