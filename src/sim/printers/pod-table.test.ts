import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { simTimeToRfc3339 } from '../core/time'
import { POD_COLUMNS, podToRow, podsToTable, summarizePod } from './pod-table'

const NOW = 3_600_000
const status = (name: string, state: ContainerStatus['state'], extra = {}): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...(state ? { state } : {}),
  ...extra,
})
const makePod = (
  podStatus: NonNullable<Pod['status']>,
  spec: Partial<NonNullable<Pod['spec']>> = {},
): Pod => ({
  metadata: { name: 'p', namespace: 'default', creationTimestamp: simTimeToRfc3339(0) },
  spec: { containers: [{ name: 'app' }], ...spec },
  status: podStatus,
})

// Each case walks one branch of printPod, pkg/printers/internalversion/printers.go (v1.32).
describe('summarizePod STATUS', () => {
  it.each<[string, Pod, string]>([
    ['phase when nothing else is known', makePod({ phase: 'Pending' }), 'Pending'],
    ['status.reason overrides phase', makePod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    [
      'SchedulingGated condition',
      makePod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      'SchedulingGated',
    ],
    [
      'container waiting reason',
      makePod({
        phase: 'Pending',
        containerStatuses: [status('app', { waiting: { reason: 'ContainerCreating' } })],
      }),
      'ContainerCreating',
    ],
    [
      'terminated without reason, by signal',
      makePod({
        phase: 'Running',
        containerStatuses: [status('app', { terminated: { exitCode: 0, signal: 9 } })],
      }),
      'Signal:9',
    ],
    [
      'Completed but another container still running and ready → NotReady without PodReady',
      makePod(
        {
          phase: 'Running',
          containerStatuses: [
            status('a', { terminated: { exitCode: 0, reason: 'Completed' } }),
            status('b', { running: {} }, { ready: true }),
          ],
        },
        { containers: [{ name: 'a' }, { name: 'b' }] },
      ),
      'NotReady',
    ],
    [
      'init container failed with a reason',
      makePod(
        {
          phase: 'Pending',
          initContainerStatuses: [status('i', { terminated: { exitCode: 1, reason: 'Error' } })],
        },
        { initContainers: [{ name: 'i' }] },
      ),
      'Init:Error',
    ],
    [
      'init container failing without reason',
      makePod(
        { phase: 'Pending', initContainerStatuses: [status('i', { terminated: { exitCode: 3 } })] },
        { initContainers: [{ name: 'i' }] },
      ),
      'Init:ExitCode:3',
    ],
    [
      'init container image pull backoff',
      makePod(
        {
          phase: 'Pending',
          initContainerStatuses: [status('i', { waiting: { reason: 'ImagePullBackOff' } })],
        },
        { initContainers: [{ name: 'i' }] },
      ),
      'Init:ImagePullBackOff',
    ],
    [
      'init container PodInitializing counts as Init:N/M',
      makePod(
        {
          phase: 'Pending',
          initContainerStatuses: [status('i', { waiting: { reason: 'PodInitializing' } })],
        },
        { initContainers: [{ name: 'i' }, { name: 'j' }] },
      ),
      'Init:0/2',
    ],
  ])('%s', (_name, pod, reason) => {
    expect(summarizePod(pod).reason).toBe(reason)
  })

  it('Terminating unless the phase is terminal; NodeLost deletions are Unknown', () => {
    const deleting = (phase: string, reason?: string): Pod => ({
      ...makePod({ phase, ...(reason ? { reason } : {}) }),
      metadata: { name: 'p', deletionTimestamp: simTimeToRfc3339(0) },
    })
    expect(summarizePod(deleting('Running')).reason).toBe('Terminating')
    expect(summarizePod(deleting('Succeeded')).reason).toBe('Succeeded')
    expect(summarizePod(deleting('Running', 'NodeLost')).reason).toBe('Unknown')
  })
})

describe('podToRow', () => {
  it('sums restarts and appends the age of the latest restart', () => {
    // restarts 2 + 3 = 5; latest finishedAt = t 1_200_000 → 3_600_000 − 1_200_000 = 40m ago
    const finished = (ms: number) => ({
      terminated: { exitCode: 1, finishedAt: simTimeToRfc3339(ms) },
    })
    const pod = makePod(
      {
        phase: 'Running',
        containerStatuses: [
          status(
            'a',
            { running: {} },
            { ready: true, restartCount: 2, lastState: finished(600_000) },
          ),
          status('b', { running: {} }, { restartCount: 3, lastState: finished(1_200_000) }),
        ],
      },
      { containers: [{ name: 'a' }, { name: 'b' }] },
    )
    expect(podToRow(pod, NOW).cells.slice(0, 5)).toEqual([
      'p',
      '1/2',
      'Running',
      '5 (40m ago)',
      '60m',
    ])
  })

  it('marks Succeeded and Failed rows Completed, as podSuccessConditions/podFailedConditions', () => {
    expect(podToRow(makePod({ phase: 'Succeeded' }), NOW).conditions?.[0]?.reason).toBe('Succeeded')
    expect(podToRow(makePod({ phase: 'Failed' }), NOW).conditions?.[0]?.reason).toBe('Failed')
    expect(podToRow(makePod({ phase: 'Running' }), NOW).conditions).toBeUndefined()
  })

  it('builds a Table with the nine upstream columns and PartialObjectMetadata rows', () => {
    const table = podsToTable([makePod({ phase: 'Pending' })], NOW)
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual(
      POD_COLUMNS.map((c) => `${c.name}:${c.priority}`),
    )
    expect(table.rows[0]?.cells).toHaveLength(9)
    expect(table.rows[0]?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'p' },
    })
  })
})
