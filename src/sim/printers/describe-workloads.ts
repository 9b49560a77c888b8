/**
 * `kubectl describe deployment | replicaset | job`, and the Pod Template block they share (also
 * printed by `kubectl rollout history --revision=N`).
 * Sources: DeploymentDescriber, ReplicaSetDescriber, describeJob, DescribePodTemplate,
 * printReplicaSetsByLabels, staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../core/time'
import { describeContainers } from './describe-containers'
import {
  describeEvents,
  describeVolumes,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './describe-sections'
import { LEVEL_0, LEVEL_1, PrefixWriter, formatRfc1123z } from './describe-writer'
import { humanDuration } from './duration'
import { formatLabelSelector } from './table'

/** DescribePodTemplate: labels, annotations, containers, volumes, node selectors, tolerations. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n')
  if (!template) {
    w.write(LEVEL_1, '<unset>')
    return
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels)
  const annotations = template.metadata?.annotations
  if (annotations && Object.keys(annotations).length > 0)
    printAnnotationsMultiline(w, '  Annotations', annotations)
  const spec = template.spec
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`)
  const pod = { metadata: template.metadata ?? {}, spec } as Pod
  if ((spec?.initContainers ?? []).length > 0)
    describeContainers(w, pod, 'Init Containers', spec?.initContainers ?? [], undefined, '  ')
  describeContainers(w, pod, 'Containers', spec?.containers ?? [], undefined, '  ')
  describeVolumes(w, spec?.volumes, '  ')
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector)
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations)
}

const intOrString = (v: number | string | undefined): string =>
  v === undefined ? '<nil>' : String(v)

/** "nginx-7d9c5b8f6 (3/3 replicas created)" entries, or "<none>". */
function replicaSetsLine(rss: readonly ReplicaSet[]): string {
  if (rss.length === 0) return '<none>'
  return rss
    .map(
      (rs) =>
        `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
    )
    .join(', ')
}

export function describeDeployment(
  d: Deployment,
  oldRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  events: readonly Event[] | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  const spec = d.spec
  const status = d.status ?? {}
  w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`)
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(d.metadata?.creationTimestamp)}\n`)
  printLabelsMultiline(w, 'Labels', d.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations)
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec?.selector)}\n`)
  w.write(
    LEVEL_0,
    `Replicas:\t${spec?.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  )
  w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`)
  w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`)
  const rolling = spec?.strategy?.rollingUpdate
  if (rolling)
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${intOrString(rolling.maxUnavailable)} max unavailable, ${intOrString(rolling.maxSurge)} max surge\n`,
    )
  describePodTemplate(w, spec?.template)
  const conditions = status.conditions ?? []
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(LEVEL_1, '----\t------\t------\n')
    for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\n`)
  }
  w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsLine(oldRSs)}\n`)
  w.write(LEVEL_0, `NewReplicaSet:\t${newRS ? replicaSetsLine([newRS]) : '<none>'}\n`)
  if (events) describeEvents(w, events, nowSimMs)
  return w.text()
}

/** "2 Running / 1 Waiting / 0 Succeeded / 0 Failed" from the pods the selector matches. */
function podsStatus(pods: readonly Pod[]): string {
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`
}

export function describeReplicaSet(
  rs: ReplicaSet,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`)
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', rs.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations)
  const controller = rs.metadata?.ownerReferences?.find((r) => r.controller === true)
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`)
  w.write(
    LEVEL_0,
    `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`,
  )
  w.write(LEVEL_0, `Pods Status:\t${podsStatus(pods)}\n`)
  describePodTemplate(w, rs.spec?.template)
  const failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure')
  if (failure) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
    w.write(LEVEL_1, '----\t------\t------\n')
    w.write(LEVEL_1, `${failure.type}\t${failure.status}\t${failure.reason ?? ''}\n`)
  }
  if (events) describeEvents(w, events, nowSimMs)
  return w.text()
}

export function describeJob(
  job: Job,
  events: readonly Event[] | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  const spec = job.spec
  const status = job.status ?? {}
  w.write(LEVEL_0, `Name:\t${job.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`)
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', job.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations)
  const controller = job.metadata?.ownerReferences?.find((r) => r.controller === true)
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`)
  w.write(LEVEL_0, `Parallelism:\t${spec?.parallelism ?? 0}\n`)
  w.write(
    LEVEL_0,
    `Completions:\t${spec?.completions !== undefined ? String(spec.completions) : '<unset>'}\n`,
  )
  w.write(LEVEL_0, `Completion Mode:\t${spec?.completionMode ?? ''}\n`)
  w.write(LEVEL_0, `Suspend:\t${spec?.suspend === true ? 'true' : 'false'}\n`)
  if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`)
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRfc1123z(status.startTime)}\n`)
  if (status.completionTime)
    w.write(LEVEL_0, `Completed At:\t${formatRfc1123z(status.completionTime)}\n`)
  const start = rfc3339ToSimTime(status.startTime ?? '')
  const end = rfc3339ToSimTime(status.completionTime ?? '')
  if (start !== undefined && end !== undefined)
    w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`)
  if (spec?.activeDeadlineSeconds !== undefined)
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
  w.write(
    LEVEL_0,
    `Pods Statuses:\t${status.active ?? 0} Active (${status.ready ?? 0} Ready) / ${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed\n`,
  )
  describePodTemplate(w, spec?.template)
  if (events) describeEvents(w, events, nowSimMs)
  return w.text()
}
