import type { DaemonSet, Deployment } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import { writable, type KubeObject } from '../../model/objects'
import { defaultPodSpec } from './defaults'

// Source for every default below: pkg/apis/apps/v1/defaults.go and pkg/apis/batch/v1/defaults.go (v1.32).
// SetDefaults_Deployment: maxUnavailable and maxSurge 25%, revisionHistoryLimit 10,
// progressDeadlineSeconds 600.
const DEFAULT_MAX_UNAVAILABLE = '25%'
const DEFAULT_MAX_SURGE = '25%'
const DEFAULT_REVISION_HISTORY_LIMIT = 10
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600
// SetDefaults_Job: backoffLimit 6.
const DEFAULT_BACKOFF_LIMIT = 6

// The labels the Job strategy adds so a Job's pods are its own (pkg/apis/batch/types.go, v1.32).
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name'
export const LEGACY_JOB_NAME_LABEL = 'job-name'
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid'
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid'

/** SetDefaults_Deployment. */
export function defaultDeployment(deployment: Deployment): void {
  const spec = deployment.spec
  if (!spec) return
  spec.replicas ??= 1
  const strategy = (spec.strategy ??= {})
  // Go tests the zero value: an empty type is RollingUpdate too.
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {})
    rolling.maxUnavailable ??= DEFAULT_MAX_UNAVAILABLE
    rolling.maxSurge ??= DEFAULT_MAX_SURGE
  }
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT
  spec.progressDeadlineSeconds ??= DEFAULT_PROGRESS_DEADLINE_SECONDS
  if (spec.template.spec) defaultPodSpec(spec.template.spec)
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1, maxSurge 0. */
export function defaultDaemonSet(daemonSet: DaemonSet): void {
  const spec = daemonSet.spec
  if (!spec) return
  const strategy = (spec.updateStrategy ??= {})
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {})
    rolling.maxUnavailable ??= 1
    rolling.maxSurge ??= 0
  }
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT
  if (spec.template.spec) defaultPodSpec(spec.template.spec)
}

/**
 * SetDefaults_Job, then the Job strategy's PrepareForCreate: without a manual selector the
 * server generates one from the new uid and labels the template with it and the job's name
 * (pkg/registry/batch/job/strategy.go generateSelectorIfNeeded, v1.32).
 */
export function defaultJob(job: Job, uid: string): void {
  const spec = job.spec
  if (!spec) return
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1
    spec.parallelism = 1
  }
  spec.parallelism ??= 1
  spec.backoffLimit ??= DEFAULT_BACKOFF_LIMIT
  spec.completionMode ??= 'NonIndexed'
  spec.suspend ??= false
  spec.podReplacementPolicy ??= 'TerminatingOrFailed'
  if (spec.template.spec) defaultPodSpec(spec.template.spec)
  if (spec.manualSelector === true) return
  const template = spec.template
  const labels = { ...template.metadata?.labels }
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL])
    labels[key] ??= job.metadata?.name ?? ''
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid
  template.metadata = { ...template.metadata, labels }
  const selector = (spec.selector ??= {})
  selector.matchLabels = { ...selector.matchLabels }
  selector.matchLabels[CONTROLLER_UID_LABEL] ??= uid
}

/**
 * Defaults and the strategy's PrepareForCreate for the workload kinds the controller manager
 * reconciles: status starts empty. `newUid` is the uid the object will get.
 */
export function prepareWorkloadForCreate(object: KubeObject, newUid: () => string): void {
  switch (object.kind) {
    case 'Deployment':
      defaultDeployment(object as Deployment)
      writable(object as Deployment).status = {}
      return
    case 'DaemonSet':
      defaultDaemonSet(object as DaemonSet)
      writable(object as DaemonSet).status = {
        currentNumberScheduled: 0,
        desiredNumberScheduled: 0,
        numberMisscheduled: 0,
        numberReady: 0,
      }
      return
    case 'Job': {
      const uid = newUid()
      object.metadata = { ...object.metadata, uid }
      defaultJob(object as Job, uid)
      writable(object as Job).status = {}
      return
    }
    default:
      return
  }
}
