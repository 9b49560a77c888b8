import { describe, expect, it } from 'vitest'
import type { Table } from '../printers/table'
import { createSimulation } from '../simulation'
import { BOOT_MS, makeDeploymentManifest } from '../testing/manifests'
import { sortTableRows } from './sort-by'

const table = (objects: unknown[]): Table =>
  ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [],
    rows: objects.map((object, i) => ({ cells: [i], object })),
  }) as unknown as Table

describe('get --sort-by (get/sorter.go)', () => {
  it('sorts by a JSONPath into each row object: strings, numbers, missing first, stable', () => {
    const rows = sortTableRows(
      table([
        { lastTimestamp: '2025-01-01T00:02:00Z', count: 3 },
        { count: 10 },
        { lastTimestamp: '2025-01-01T00:01:00Z', count: 2 },
        { lastTimestamp: '2025-01-01T00:01:00Z', count: 1 },
      ]),
      '.lastTimestamp',
    ).rows.map((r) => r.cells[0])
    expect(rows).toEqual([1, 2, 3, 0])
    const byCount = sortTableRows(
      table([{ count: 10 }, { count: 9 }, { count: 100 }]),
      '{.count}',
    ).rows.map((r) => r.cells[0])
    expect(byCount).toEqual([1, 0, 2])
    const nested = sortTableRows(
      table([
        { spec: { containers: [{ image: 'b' }] } },
        { spec: { containers: [{ image: 'a' }] } },
      ]),
      '.spec.containers[0].image',
    ).rows.map((r) => r.cells[0])
    expect(nested).toEqual([1, 0])
  })

  it('asks for includeObject=Object and prints events oldest first', () => {
    const sim = createSimulation({ seed: 2 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeDeploymentManifest('web', 2))
    sim.advance(20_000)
    const from = sim.trace.length
    const output = sim.kubectl('get events --sort-by=.lastTimestamp').output
    const get = sim.trace
      .slice(from)
      .find(
        (e) =>
          e.type === 'MessageSent' && e.label.startsWith('GET /api/v1/namespaces/default/events'),
      )
    expect(get?.type === 'MessageSent' && get.label).toContain('includeObject=Object')
    const lines = output.split('\n')
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/)
    const seconds = lines.slice(1).map((l) => Number(/^(\d+)s/.exec(l)?.[1]))
    expect(seconds.length).toBeGreaterThan(5)
    expect([...seconds].sort((a, b) => b - a)).toEqual(seconds)
  })
})
