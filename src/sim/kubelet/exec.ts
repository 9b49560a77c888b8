import type { Container } from 'kubernetes-types/core/v1'
import type { Credential } from '../apiserver/authn/credentials'
import { findResourceByAlias, restPath } from '../apiserver/resources'
import { parseArgs } from '../kubectl/argv'
import { TABLE_ACCEPT } from '../kubectl/commands'
import { formatApiError } from '../kubectl/output'
import { noResourcesMessage, renderTable } from '../printers/render-table'
import type { Table } from '../printers/table'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { ExecRequest } from '../runtime/messages'
import type { KubeletState, PodWorker } from './state'
import { tokenText, volumeFiles } from './projected-token'
import { uidNamed, workerOf } from './settled-pod'

/**
 * A command run in a container through `kubectl exec`: enough of a shell to show what a Pod
 * sees — its mounted Secret and ConfigMap files, its env, the ServiceAccount token — and an
 * in-cluster `kubectl` that calls the API with that token, so RBAC decides with the Pod's
 * ServiceAccount. NB: the container has no real filesystem or processes; these commands are
 * the ones the lessons use.
 */
interface Answer {
  stdout: string
  exitCode: number
}

// The in-cluster API address every container gets (KUBERNETES_SERVICE_HOST/PORT, the first
// IP of kubeadm's default service CIDR 10.96.0.0/12).
const IN_CLUSTER_ENV = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
}
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token'

function answer(ctx: ActorContext, state: KubeletState, execId: number, result: Answer): void {
  ctx.send(
    state.client.server,
    { type: 'exec-response', execId, ...result },
    { label: `exec result (exit ${result.exitCode})` },
  )
}

function files(worker: PodWorker, container: Container): Map<string, Map<string, string>> {
  const dirs = new Map<string, Map<string, string>>()
  for (const m of container.volumeMounts ?? [])
    dirs.set(m.mountPath.replace(/\/$/, ''), new Map(volumeFiles(worker, m.name)))
  return dirs
}

function readPath(worker: PodWorker, container: Container, path: string): string | undefined {
  for (const [dir, entries] of files(worker, container))
    if (path.startsWith(`${dir}/`)) return entries.get(path.slice(dir.length + 1))
  return undefined
}

function shell(worker: PodWorker, container: Container, command: string[]): Answer | undefined {
  const [program = '', ...args] = command
  const env = { HOSTNAME: worker.name, ...IN_CLUSTER_ENV, ...worker.files?.env[container.name] }
  switch (program) {
    case 'cat': {
      const out: string[] = []
      for (const path of args) {
        const content = readPath(worker, container, path)
        if (content === undefined)
          return {
            stdout: [...out, `cat: ${path}: No such file or directory`].join(''),
            exitCode: 1,
          }
        out.push(content)
      }
      return { stdout: out.join(''), exitCode: 0 }
    }
    case 'ls': {
      const dir = (args[0] ?? '/').replace(/\/$/, '')
      const entries = files(worker, container).get(dir)
      if (!entries)
        return { stdout: `ls: ${args[0] ?? '/'}: No such file or directory`, exitCode: 1 }
      return { stdout: [...entries.keys()].sort().join('\n'), exitCode: 0 }
    }
    case 'env':
    case 'printenv': {
      if (program === 'printenv' && args[0] !== undefined) {
        const value = (env as Record<string, string>)[args[0]]
        return value === undefined ? { stdout: '', exitCode: 1 } : { stdout: value, exitCode: 0 }
      }
      return {
        stdout: Object.entries(env)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
        exitCode: 0,
      }
    }
    case 'kubectl':
      return undefined
    default:
      return {
        stdout: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
        exitCode: 126,
      }
  }
}

/** Runs an exec request; in-cluster kubectl answers later, when the API server has replied. */
export function onExecRequest(ctx: ActorContext, state: KubeletState, request: ExecRequest): void {
  const uid = uidNamed(state, request.namespace, request.pod)
  const worker = uid === undefined ? undefined : workerOf(state, uid)
  const containers = worker?.pod.spec?.containers ?? []
  const container =
    request.container !== undefined
      ? containers.find((c) => c.name === request.container)
      : containers[0]
  const progress = worker?.containers.find((c) => c.name === container?.name)
  if (!worker || !container || progress?.state !== 'running')
    return answer(ctx, state, request.execId, {
      stdout: `error: unable to upgrade connection: container not found ("${request.container ?? containers[0]?.name ?? ''}")`,
      exitCode: 1,
    })
  const result = shell(worker, container, request.command)
  if (result) return answer(ctx, state, request.execId, result)
  const kept = worker.files?.token
  if (kept === undefined)
    return answer(ctx, state, request.execId, {
      stdout: `error: open ${TOKEN_PATH}: no such file or directory`,
      exitCode: 1,
    })
  inClusterKubectl(ctx, state, worker, request.execId, request.command.slice(1), {
    type: 'bearer',
    token: tokenText(worker, kept),
  })
}

function inClusterKubectl(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  execId: number,
  argv: string[],
  credential: Credential,
): void {
  const [verb = '', ...rest] = argv
  const { positional, flags } = parseArgs(rest)
  const namespace = flags['namespace'] ?? worker.namespace
  const origin = `pod/${worker.namespace}/${worker.name}`
  const send = (options: Parameters<typeof callApi>[2], data: Record<string, unknown>) => {
    const own = state.client.credential
    state.client.credential = credential
    callApi(
      ctx,
      state.client,
      {
        ...options,
        origin,
        label: `${options.method} ${options.path} (kubectl in Pod ${worker.name})`,
      },
      { purpose: 'exec-api', data: { execId, ...data } },
    )
    state.client.credential = own
  }
  if (verb === 'get') {
    const [type = '', slashName] = (positional[0] ?? '').split('/')
    const info = findResourceByAlias(type)
    if (!info)
      return answer(ctx, state, execId, {
        stdout: `error: the server doesn't have a resource type "${type}"`,
        exitCode: 1,
      })
    const name = slashName ?? positional[1]
    const ns = info.namespaced ? namespace : undefined
    return send(
      { method: 'GET', path: restPath(info, ns, name), accept: TABLE_ACCEPT },
      { kind: 'get', namespace: ns ?? null },
    )
  }
  if (verb === 'auth' && positional[0] === 'can-i') {
    const [v = '', target = ''] = positional.slice(1)
    const info = findResourceByAlias(target.split('/')[0] ?? '')
    return send(
      {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          spec: {
            resourceAttributes: {
              namespace,
              verb: v,
              group: info?.group ?? '',
              resource: info?.resource ?? target,
              name: target.split('/')[1] ?? '',
            },
          },
        },
      },
      { kind: 'can-i' },
    )
  }
  answer(ctx, state, execId, {
    stdout: `error: the in-cluster kubectl here knows get and auth can-i, not "${verb}"`,
    exitCode: 1,
  })
}

/** The API server answered the in-cluster kubectl: print as kubectl would and finish the exec. */
export function onExecApiResponse(
  ctx: ActorContext,
  state: KubeletState,
  data: { execId: number; kind: string; namespace?: string | null },
  code: number,
  body: unknown,
): void {
  if (code >= 300)
    return answer(ctx, state, data.execId, { stdout: formatApiError(body), exitCode: 1 })
  if (data.kind === 'can-i') {
    const allowed = (body as { status?: { allowed?: boolean } }).status?.allowed === true
    return answer(ctx, state, data.execId, {
      stdout: allowed ? 'yes' : 'no',
      exitCode: allowed ? 0 : 1,
    })
  }
  const table = body as Table
  const text = renderTable(table, {})
  answer(ctx, state, data.execId, {
    stdout:
      text === '' && table.rows.length === 0
        ? noResourcesMessage('', data.namespace ?? undefined)
        : text.replace(/\n$/, ''),
    exitCode: 0,
  })
}
