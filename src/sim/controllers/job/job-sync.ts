import { sameValue } from '../../model/objects'
/**
 * syncJob for NonIndexed Jobs, as a pure function: count the Job's pods, create or delete pods
 * toward min(parallelism, completions − succeeded), hold new pods back after failures
 * (10 s doubling to 10 min), and finish the Job as Complete or Failed.
 * Source: pkg/controller/job/job_controller.go syncJob, manageJob, getPodFailureBackoff,
 * pastBackoffLimitOnFailure; pkg/controller/job/backoff_utils.go (v1.32).
 * v1.32 delays the terminal condition (JobPodReplacementPolicy is on): SuccessCriteriaMet or
 * FailureTarget comes first, Complete or Failed once no pod is still terminating.
 * NB: pods carry no batch.kubernetes.io/job-tracking finalizer here; succeeded and failed are
 * counted from the pods that exist (a pod deleted before it succeeded counts as failed while
 * the controller can see it terminating) and never decrease.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime, simTimeToRfc3339 } from '../../core/time'
import { compareForDeletion } from '../replicaset/pod-ranking'

// DefaultJobPodFailureBackOff = 10 s, MaxJobPodFailureBackOff = 10 min (job_controller.go, v1.32).
export const POD_FAILURE_BACKOFF_MS = 10_000
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000

export type JobAction =
  | { type: 'create-pods'; count: number }
  | { type: 'delete-pods'; pods: Pod[] }
  | { type: 'update-status'; status: JobStatus }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string }
  | { type: 'requeue-after'; ms: number }

export interface JobSyncInput {
  job: Job
  pods: readonly Pod[]
  nowMs: number
}

const phase = (p: Pod) => p.status?.phase
const isTerminating = (p: Pod) => p.metadata?.deletionTimestamp !== undefined
/**
 * getFinishedTime: when the pod stopped being Ready, else when its last container ended, else
 * when it was deleted, else when it was created.
 */
const finishedAtMs = (p: Pod): number => {
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready')
  if (ready?.status === 'False' && ready.lastTransitionTime)
    return rfc3339ToSimTime(ready.lastTransitionTime) ?? 0
  const times = (p.status?.containerStatuses ?? []).flatMap((c) => {
    const at = rfc3339ToSimTime(c.state?.terminated?.finishedAt ?? '')
    return at === undefined ? [] : [at]
  })
  if (times.length > 0) return Math.max(...times)
  // The deletion timestamp is when the grace period ends: the pod was deleted that much earlier.
  const deleted = rfc3339ToSimTime(p.metadata?.deletionTimestamp ?? '')
  if (deleted !== undefined) return deleted - (p.metadata?.deletionGracePeriodSeconds ?? 0) * 1000
  return rfc3339ToSimTime(p.metadata?.creationTimestamp ?? '') ?? 0
}

/**
 * isPodFailed: Failed, or deleted before it succeeded (an orphan that may never reach Failed)
 * unless podReplacementPolicy is Failed.
 */
const isPodFailed = (p: Pod, job: Job): boolean =>
  phase(p) === 'Failed' ||
  (job.spec?.podReplacementPolicy !== 'Failed' && isTerminating(p) && phase(p) !== 'Succeeded')

function condition(type: string, reason: string, message: string, nowMs: number): JobCondition {
  const now = simTimeToRfc3339(nowMs)
  return { type, status: 'True', reason, message, lastProbeTime: now, lastTransitionTime: now }
}

const hasCondition = (status: JobStatus | undefined, type: string): boolean =>
  status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false

/** The delay before the next pod may be created after `failures` failures in a row. */
export function podFailureBackoffMs(failures: number): number {
  if (failures <= 0) return 0
  return Math.min(MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1))
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
function restartsPastLimit(job: Job, active: readonly Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false
  const limit = job.spec.backoffLimit ?? 6
  const restarts = active.reduce(
    (n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0),
    0,
  )
  return limit === 0 ? restarts > 0 : restarts >= limit
}

function wantActive(job: Job, succeeded: number, active: number): number {
  const parallelism = job.spec?.parallelism ?? 1
  const completions = job.spec?.completions
  if (completions === undefined) return succeeded > 0 ? active : parallelism
  return Math.max(0, Math.min(parallelism, completions - succeeded))
}

interface Finish {
  type: 'Complete' | 'Failed'
  reason: string
  message: string
}

/** Whether the Job is done: too many failures, past its deadline, or enough completions. */
function finishVerdict(
  job: Job,
  counts: { succeeded: number; failed: number; active: readonly Pod[] },
  startedMs: number,
  nowMs: number,
): Finish | undefined {
  const deadline = job.spec?.activeDeadlineSeconds
  const completions = job.spec?.completions
  if (counts.failed > (job.spec?.backoffLimit ?? 6) || restartsPastLimit(job, counts.active))
    return {
      type: 'Failed',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    }
  if (deadline !== undefined && nowMs - startedMs >= deadline * 1000)
    return {
      type: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    }
  const done =
    completions === undefined
      ? counts.succeeded > 0 && counts.active.length === 0
      : counts.succeeded >= completions
  return done
    ? {
        type: 'Complete',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      }
    : undefined
}

/** The interim condition now; the terminal one (and its event) once no pod is left running. */
function finish(
  status: JobStatus,
  finished: Finish,
  podsLeft: number,
  nowMs: number,
  actions: JobAction[],
): void {
  const interim = finished.type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget'
  if (!hasCondition(status, interim))
    status.conditions?.push(condition(interim, finished.reason, finished.message, nowMs))
  if (podsLeft > 0) return
  status.conditions?.push(condition(finished.type, finished.reason, finished.message, nowMs))
  if (finished.type === 'Complete') {
    status.completionTime = simTimeToRfc3339(nowMs)
    actions.push({
      type: 'event',
      eventType: 'Normal',
      reason: 'Completed',
      message: 'Job completed',
    })
  } else {
    actions.push({
      type: 'event',
      eventType: 'Warning',
      reason: finished.reason,
      message: finished.message,
    })
  }
}

export function syncJob(input: JobSyncInput): JobAction[] {
  const { job, pods, nowMs } = input
  const actions: JobAction[] = []
  const status: JobStatus = { ...job.status, conditions: [...(job.status?.conditions ?? [])] }
  if (hasCondition(status, 'Complete') || hasCondition(status, 'Failed')) return actions
  const finishedPhase = (p: Pod) => phase(p) === 'Succeeded' || phase(p) === 'Failed'
  const active = pods.filter((p) => !finishedPhase(p) && !isTerminating(p))
  const terminating = pods.filter((p) => isTerminating(p) && !finishedPhase(p))
  const succeeded = Math.max(
    job.status?.succeeded ?? 0,
    pods.filter((p) => phase(p) === 'Succeeded').length,
  )
  const failedPods = pods.filter((p) => isPodFailed(p, job))
  const failed = Math.max(job.status?.failed ?? 0, failedPods.length)
  status.startTime ??= simTimeToRfc3339(nowMs)
  const started = rfc3339ToSimTime(status.startTime) ?? nowMs
  const finished = finishVerdict(job, { succeeded, failed, active }, started, nowMs)
  let activeCount = 0
  if (finished) {
    if (active.length > 0) actions.push({ type: 'delete-pods', pods: active })
    finish(status, finished, terminating.length + active.length, nowMs, actions)
  } else {
    const lastSuccess = Math.max(
      0,
      ...pods.filter((p) => phase(p) === 'Succeeded').map(finishedAtMs),
    )
    const failuresSinceSuccess = failedPods.filter((p) => finishedAtMs(p) >= lastSuccess)
    activeCount = manageJob(job, active, succeeded, failuresSinceSuccess, nowMs, actions)
    const deadline = job.spec?.activeDeadlineSeconds
    if (deadline !== undefined)
      actions.push({ type: 'requeue-after', ms: Math.max(0, started + deadline * 1000 - nowMs) })
  }
  Object.assign(status, {
    active: activeCount,
    succeeded,
    failed,
    terminating: terminating.length,
    ready: active.filter((p) =>
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length,
    uncountedTerminatedPods: {},
  })
  if (status.conditions?.length === 0) delete status.conditions
  if (!sameValue(status, job.status)) actions.push({ type: 'update-status', status })
  return actions
}

/** manageJob: create or delete pods toward the wanted number, respecting the failure back-off. */
function manageJob(
  job: Job,
  active: readonly Pod[],
  succeeded: number,
  /** Failed pods since the Job's last success. */
  failedPods: readonly Pod[],
  nowMs: number,
  actions: JobAction[],
): number {
  if (job.spec?.suspend === true) {
    if (active.length > 0) actions.push({ type: 'delete-pods', pods: [...active] })
    return 0
  }
  const want = wantActive(job, succeeded, active.length)
  if (active.length > want) {
    const excess = [...active].sort(compareForDeletion).slice(0, active.length - want)
    actions.push({ type: 'delete-pods', pods: excess })
    return want
  }
  const diff = want - active.length
  if (diff <= 0) return active.length
  // Failures since the last success delay the next pods (newBackoffRecord).
  const failures = failedPods
  const lastFailure = Math.max(0, ...failures.map(finishedAtMs))
  const wait = lastFailure + podFailureBackoffMs(failures.length) - nowMs
  if (failures.length > 0 && wait > 0) {
    actions.push({ type: 'requeue-after', ms: wait })
    return active.length
  }
  actions.push({ type: 'create-pods', count: diff })
  return want
}
