/**
 * `kubectl rollout status | history | undo | restart | pause | resume` for Deployments.
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/cmd/rollout/*.go,
 * pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer), history.go
 * (DeploymentHistoryViewer), rollback.go (DeploymentRollbacker: a JSON patch of the template and
 * annotations), objectrestarter.go, objectpauser.go, objectresumer.go. Texts checked against
 * the real kubectl v1.32.
 */
import type { Deployment } from 'kubernetes-types/apps/v1'
import { findResourceByAlias } from '../apiserver/resources'
import { simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { WatchEventMessage } from '../runtime/messages'
import { fail, print, succeeded } from './commands'
import { formatApiError } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf, splitTarget, workloadCall, type WorkloadFlow } from './workload-call'

const SUBCOMMANDS = ['status', 'history', 'undo', 'restart', 'pause', 'resume']

const deploymentsPath = (ns: string) => `/apis/apps/v1/namespaces/${ns}/deployments`
export const named = (flow: { name: string }) => `deployment.apps/${flow.name}`

export function startRollout(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const [sub = '', ...rest] = cmd.positional
  if (!SUBCOMMANDS.includes(sub)) {
    fail(
      cmd,
      sub === ''
        ? 'error: required resource not specified'
        : `error: unknown command "${[sub, ...rest].join(' ')}"\nSee 'kubectl rollout -h' for help and examples`,
    )
    return false
  }
  const target = splitTarget(rest)
  if (target.type === '') {
    fail(cmd, 'error: required resource not specified')
    return false
  }
  const info = findResourceByAlias(target.type)
  if (!info) {
    fail(cmd, `error: the server doesn't have a resource type "${target.type}"`)
    return false
  }
  if (info.kind !== 'Deployment') {
    fail(
      cmd,
      `error: no ${sub === 'undo' ? 'rollbacker' : sub === 'history' ? 'history viewer' : 'status viewer'} has been implemented for "${info.kind}"`,
    )
    return false
  }
  if (target.name === undefined) {
    fail(cmd, 'error: resource(s) were provided, but no name was specified')
    return false
  }
  cmd.flow = { verb: `rollout ${sub}`, namespace: cmd.namespace, name: target.name, data: {} }
  workloadCall(
    ctx,
    state,
    cmd,
    { method: 'GET', path: `${deploymentsPath(cmd.namespace)}/${target.name}` },
    'rollout-get',
  )
  return true
}

/** DeploymentStatusViewer.Status: one line, and whether the rollout is done. */
export function rolloutStatusLine(d: Deployment): { text: string; done: boolean; error?: string } {
  const name = d.metadata?.name ?? ''
  const status = d.status ?? {}
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? 0))
    return { text: 'Waiting for deployment spec update to be observed...', done: false }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return {
      text: '',
      done: true,
      error: `error: deployment "${name}" exceeded its progress deadline`,
    }
  const want = d.spec?.replicas ?? 1
  const updated = status.updatedReplicas ?? 0
  if (updated < want)
    return {
      text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
      done: false,
    }
  if ((status.replicas ?? 0) > updated)
    return {
      text: `Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...`,
      done: false,
    }
  if ((status.availableReplicas ?? 0) < updated)
    return {
      text: `Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
      done: false,
    }
  return { text: `deployment "${name}" successfully rolled out`, done: true }
}

/** Prints a status line; true when the command is over. */
function showStatus(cmd: KubectlCommand, d: Deployment): boolean {
  const line = rolloutStatusLine(d)
  if (line.error !== undefined) {
    fail(cmd, line.error)
    return true
  }
  print(cmd, line.text)
  return line.done || cmd.flags['watch'] === 'false'
}

export function patchDeployment(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  body: unknown,
  contentType: string,
): void {
  const flow = flowOf(cmd)
  workloadCall(
    ctx,
    state,
    cmd,
    { method: 'PATCH', path: `${deploymentsPath(flow.namespace)}/${flow.name}`, body, contentType },
    'rollout-patched',
  )
}

const STRATEGIC = 'application/strategic-merge-patch+json'

/** What restart, pause and resume change, or why they refuse. */
function simplePatch(flow: WorkloadFlow, d: Deployment, nowMs: number): { body: unknown } | string {
  const paused = d.spec?.paused === true
  switch (flow.verb) {
    case 'rollout restart':
      if (paused)
        return `error: deployments.apps "${flow.name}" can't restart paused deployment (run rollout resume first)`
      return {
        body: {
          spec: {
            template: {
              metadata: {
                annotations: { 'kubectl.kubernetes.io/restartedAt': simTimeToRfc3339(nowMs) },
              },
            },
          },
        },
      }
    case 'rollout pause':
      return paused
        ? `error: deployments.apps "${flow.name}" is already paused`
        : { body: { spec: { paused: true } } }
    default:
      return paused
        ? { body: { spec: { paused: null } } }
        : `error: deployments.apps "${flow.name}" is not paused`
  }
}

/** The Deployment read: what each subcommand does next. True while the command continues. */
export function onRolloutGet(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const flow = flowOf(cmd)
  const d = body as Deployment
  flow.object = d as KubeObject
  if (flow.verb === 'rollout status') {
    if (showStatus(cmd, d)) return false
    const query = {
      fieldSelector: `metadata.name=${flow.name}`,
      resourceVersion: d.metadata?.resourceVersion ?? '0',
      watch: 'true',
    }
    const path = deploymentsPath(flow.namespace)
    workloadCall(ctx, state, cmd, { method: 'GET', path, query }, 'rollout-watch')
    return true
  }
  if (flow.verb === 'rollout history' || flow.verb === 'rollout undo') {
    const labelSelector = Object.entries(d.spec?.selector.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',')
    const path = `/apis/apps/v1/namespaces/${flow.namespace}/replicasets`
    workloadCall(
      ctx,
      state,
      cmd,
      { method: 'GET', path, query: { labelSelector } },
      'rollout-replicasets',
    )
    return true
  }
  const change = simplePatch(flow, d, ctx.nowMs)
  if (typeof change === 'string') {
    fail(cmd, change)
    return false
  }
  patchDeployment(ctx, state, cmd, change.body, STRATEGIC)
  return true
}

/** rollout status: every ADDED/MODIFIED event prints a line until the rollout is done. */
export function onRolloutWatch(cmd: KubectlCommand, message: WatchEventMessage): boolean {
  const { type, object } = message.event
  if (type !== 'ADDED' && type !== 'MODIFIED') return true
  return !showStatus(cmd, object as Deployment)
}

export function onRolloutPatched(cmd: KubectlCommand, code: number, body: unknown): void {
  const flow = flowOf(cmd)
  if (code !== 200) return fail(cmd, formatApiError(body))
  const done = {
    'rollout restart': 'restarted',
    'rollout pause': 'paused',
    'rollout resume': 'resumed',
    'rollout undo': 'rolled back',
  }[flow.verb]
  print(cmd, `${named(flow)} ${done ?? ''}`)
}
