import fc from 'fast-check'
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { simTimeToRfc3339 } from '../core/time'
import { podsToTable } from './pod-table'
import { renderTable } from './render-table'

const reason = fc.constantFrom('', 'ContainerCreating', 'CrashLoopBackOff', 'Completed', 'Error')
const state = fc.oneof(
  reason.map((r) => ({ waiting: r === '' ? {} : { reason: r } })),
  fc.constant({ running: {} }),
  fc.record({ exitCode: fc.integer({ min: 0, max: 255 }), reason }).map((t) => ({ terminated: t })),
)
const status = (name: string): fc.Arbitrary<ContainerStatus> =>
  fc.record({
    name: fc.constant(name),
    image: fc.constant('img'),
    imageID: fc.constant(''),
    ready: fc.boolean(),
    restartCount: fc.nat({ max: 9 }),
    state,
  })
const pod: fc.Arbitrary<Pod> = fc
  .record({
    phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'),
    init: fc.array(status('i'), { maxLength: 2 }),
    main: fc.array(status('c'), { maxLength: 3 }),
    createdSimMs: fc.nat({ max: 10 ** 9 }),
  })
  .map(({ phase, init, main, createdSimMs }) => ({
    metadata: { name: 'p', namespace: 'ns', creationTimestamp: simTimeToRfc3339(createdSimMs) },
    spec: { containers: [{ name: 'c' }], initContainers: init.map(() => ({ name: 'i' })) },
    status: { phase, initContainerStatuses: init, containerStatuses: main },
  }))

describe('Table invariants', () => {
  it('every pod row has one cell per column and renders one line per row', () => {
    fc.assert(
      fc.property(fc.array(pod, { minLength: 1, maxLength: 5 }), (pods) => {
        // Invariant: every row has exactly one cell per column definition.
        const table = podsToTable(pods, 10 ** 9)
        for (const row of table.rows) expect(row.cells).toHaveLength(table.columnDefinitions.length)
        const lines = renderTable(table, { wide: true }).split('\n')
        expect(lines).toHaveLength(pods.length + 2) // header, rows, and the final ""
      }),
    )
  })
})
