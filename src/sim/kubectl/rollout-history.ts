/**
 * `kubectl rollout history` and `rollout undo`: the Deployment's ReplicaSets by revision, the
 * history table, and the JSON patch that puts an old template back.
 * Sources (v1.32): staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go
 * (DeploymentHistoryViewer), rollback.go (DeploymentRollbacker). Texts checked against the real
 * kubectl v1.32.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { sameValue, type KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { describePodTemplate } from '../printers/describe-workloads'
import { PrefixWriter } from '../printers/describe-writer'
import { alignTabs } from '../printers/tabwriter'
import { fail, print, succeeded } from './commands'
import { named, patchDeployment } from './rollout'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf } from './workload-call'

const REVISION = 'deployment.kubernetes.io/revision'
const CHANGE_CAUSE = 'kubernetes.io/change-cause'
// Annotations a rollback leaves on the Deployment (rollback.go annotationsToSkip).
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
])

/** The Deployment's ReplicaSets by revision (DeploymentHistoryViewer / rollback's history). */
export function revisionsOf(d: Deployment, items: readonly KubeObject[]): Map<number, ReplicaSet> {
  const out = new Map<number, ReplicaSet>()
  for (const object of items) {
    const rs = object as ReplicaSet
    if (
      !rs.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata?.uid)
    )
      continue
    const revision = Number.parseInt(rs.metadata.annotations?.[REVISION] ?? '', 10)
    if (Number.isFinite(revision)) out.set(revision, rs)
  }
  return out
}

/**
 * `rollout history` output: the revision table, or one revision's pod template; a string error
 * (starting "error:") when the revision is not there.
 */
export function historyText(
  name: string,
  revisions: ReadonlyMap<number, ReplicaSet>,
  revision: number | undefined,
): string {
  const title = `deployment.apps/${name}`
  if (revision !== undefined && revision !== 0) {
    const rs = revisions.get(revision)
    if (!rs) return 'error: unable to find the specified revision'
    const w = new PrefixWriter()
    describePodTemplate(w, rs.spec?.template)
    return `${title} with revision #${revision}\n${w.raw()}\n`
  }
  const rows = [...revisions.keys()].sort((a, b) => a - b)
  const cause = (r: number) => revisions.get(r)?.metadata?.annotations?.[CHANGE_CAUSE] ?? '<none>'
  const table = alignTabs(
    `REVISION\tCHANGE-CAUSE\n${rows.map((r) => `${r}\t${cause(r)}\n`).join('')}`,
    { minWidth: 0, padding: 2 },
  )
  return `${title} \n${table}\n`
}

function printHistory(cmd: KubectlCommand, revisions: Map<number, ReplicaSet>): void {
  const wanted = cmd.flags['revision']
  const text = historyText(
    flowOf(cmd).name,
    revisions,
    wanted === undefined ? undefined : Number(wanted),
  )
  if (text.startsWith('error:')) fail(cmd, text)
  else print(cmd, text)
}

const withoutHash = (rs: ReplicaSet) => {
  const template = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as PodTemplateSpec
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash']
  return template
}

/** rollout undo: the JSON patch that puts the chosen revision's template back. */
function undo(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  d: Deployment,
  revisions: Map<number, ReplicaSet>,
): boolean {
  const flow = flowOf(cmd)
  if (d.spec?.paused === true) {
    fail(
      cmd,
      `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${flow.name}' and try again`,
    )
    return false
  }
  const toRevision = Number(cmd.flags['to-revision'] ?? '0')
  const sorted = [...revisions.keys()].sort((a, b) => b - a)
  const revision = toRevision === 0 ? sorted[1] : toRevision
  const target = revision === undefined ? undefined : revisions.get(revision)
  if (!target || revision === undefined) {
    fail(
      cmd,
      toRevision === 0
        ? `error: no rollout history found for deployment "${flow.name}"`
        : `error: unable to find specified revision ${toRevision} in history`,
    )
    return false
  }
  const template = withoutHash(target)
  if (sameValue(template, d.spec?.template)) {
    print(
      cmd,
      `${named(flow)} skipped rollback (current template already matches revision ${revision})`,
    )
    return false
  }
  const annotations: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v
  patchDeployment(
    ctx,
    state,
    cmd,
    [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
    'application/json-patch+json',
  )
  return true
}

export function onRolloutReplicaSets(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  const flow = flowOf(cmd)
  const d = flow.object as Deployment
  const revisions = revisionsOf(d, (body as { items?: KubeObject[] }).items ?? [])
  if (flow.verb === 'rollout history') {
    printHistory(cmd, revisions)
    return false
  }
  return undo(ctx, state, cmd, d, revisions)
}
