import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import { podFailureBackoffMs, syncJob, type JobAction } from './job-sync'

function job(spec: Partial<NonNullable<Job['spec']>> = {}, status: Job['status'] = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } },
      ...spec,
    },
    status,
  }
}

let counter = 0
function pod(
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed',
  finishedAtMs = 0,
  restarts = 0,
): Pod {
  counter++
  const finished = phase === 'Succeeded' || phase === 'Failed'
  return {
    metadata: {
      name: `pi-${counter}`,
      namespace: 'default',
      creationTimestamp: simTimeToRfc3339(0),
    },
    spec: { containers: [{ name: 'pi' }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'pi',
          image: 'perl',
          imageID: '',
          ready: phase === 'Running',
          restartCount: restarts,
          ...(finished
            ? {
                state: {
                  terminated: {
                    exitCode: phase === 'Succeeded' ? 0 : 1,
                    finishedAt: simTimeToRfc3339(finishedAtMs),
                  },
                },
              }
            : {}),
        },
      ],
    },
  }
}

const creates = (actions: JobAction[]) =>
  actions.reduce((n, a) => n + (a.type === 'create-pods' ? a.count : 0), 0)
const statusOf = (actions: JobAction[]) =>
  actions.find(
    (a): a is Extract<JobAction, { type: 'update-status' }> => a.type === 'update-status',
  )?.status
const conditionTypes = (actions: JobAction[]) => statusOf(actions)?.conditions?.map((c) => c.type)

describe('Job controller syncJob (job_controller.go, v1.32)', () => {
  it('runs min(parallelism, completions - succeeded) pods at a time', () => {
    const spec = { completions: 5, parallelism: 2 }
    expect(creates(syncJob({ job: job(spec), pods: [], nowMs: 0 }))).toBe(2)
    const pods = [pod('Succeeded'), pod('Succeeded'), pod('Succeeded'), pod('Running')]
    const actions = syncJob({ job: job(spec), pods, nowMs: 1000 })
    expect(creates(actions)).toBe(1)
    expect(statusOf(actions)).toMatchObject({ active: 2, succeeded: 3, failed: 0 })
  })

  it('defaults to one completion and one pod (completions and parallelism 1)', () => {
    expect(creates(syncJob({ job: job(), pods: [], nowMs: 0 }))).toBe(1)
  })

  it('is Complete once enough pods succeeded: SuccessCriteriaMet, then Complete, event Completed', () => {
    const actions = syncJob({
      job: job({ completions: 2 }),
      pods: [pod('Succeeded', 1000), pod('Succeeded', 2000)],
      nowMs: 3000,
    })
    expect(conditionTypes(actions)).toEqual(['SuccessCriteriaMet', 'Complete'])
    expect(statusOf(actions)?.conditions?.[1]).toMatchObject({
      status: 'True',
      reason: 'CompletionsReached',
      message: 'Reached expected number of succeeded pods',
    })
    expect(statusOf(actions)?.completionTime).toBe(simTimeToRfc3339(3000))
    expect(actions).toContainEqual({
      type: 'event',
      eventType: 'Normal',
      reason: 'Completed',
      message: 'Job completed',
    })
  })

  it('holds a replacement back 10 s after a failure, 20 s after two, doubling to 10 min', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(podFailureBackoffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 600_000, 600_000, 600_000,
    ])
    const failedAt = 50_000
    const early = syncJob({ job: job(), pods: [pod('Failed', failedAt)], nowMs: failedAt + 9_000 })
    expect(creates(early)).toBe(0)
    expect(early).toContainEqual({ type: 'requeue-after', ms: 1_000 })
    expect(
      creates(syncJob({ job: job(), pods: [pod('Failed', failedAt)], nowMs: failedAt + 10_000 })),
    ).toBe(1)
    const twice = [pod('Failed', 10_000), pod('Failed', failedAt)]
    expect(creates(syncJob({ job: job(), pods: twice, nowMs: failedAt + 19_000 }))).toBe(0)
    expect(creates(syncJob({ job: job(), pods: twice, nowMs: failedAt + 20_000 }))).toBe(1)
  })

  it('fails with BackoffLimitExceeded after backoffLimit (default 6) + 1 failed pods', () => {
    const six = Array.from({ length: 6 }, (_, i) => pod('Failed', i * 1000))
    const stillTrying = syncJob({ job: job(), pods: six, nowMs: 1_000_000 })
    expect(conditionTypes(stillTrying)).toBeUndefined()
    expect(creates(stillTrying)).toBe(1)
    const seven = [...six, pod('Failed', 7000)]
    const failed = syncJob({ job: job(), pods: seven, nowMs: 1_000_000 })
    expect(conditionTypes(failed)).toEqual(['FailureTarget', 'Failed'])
    expect(statusOf(failed)?.conditions?.[1]).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    })
    expect(failed).toContainEqual({
      type: 'event',
      eventType: 'Warning',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    })
    expect(statusOf(failed)).toMatchObject({ failed: 7, active: 0 })
  })

  it('counts container restarts as failures with restartPolicy OnFailure', () => {
    const onFailure = job({ backoffLimit: 2 })
    const template = onFailure.spec?.template.spec
    if (template) template.restartPolicy = 'OnFailure'
    const running = pod('Running', 0, 2)
    const actions = syncJob({ job: onFailure, pods: [running], nowMs: 5000 })
    expect(conditionTypes(actions)).toEqual(['FailureTarget'])
    expect(actions).toContainEqual({ type: 'delete-pods', pods: [running] })
  })

  it('waits for pods still running before the terminal condition (JobPodReplacementPolicy)', () => {
    const pods = [pod('Succeeded', 1000), pod('Running')]
    const actions = syncJob({ job: job({ completions: 1, parallelism: 2 }), pods, nowMs: 2000 })
    expect(conditionTypes(actions)).toEqual(['SuccessCriteriaMet'])
  })

  it('does nothing more once the Job is finished', () => {
    const done = job({}, { conditions: [{ type: 'Complete', status: 'True' }] })
    expect(syncJob({ job: done, pods: [], nowMs: 0 })).toEqual([])
  })
})
