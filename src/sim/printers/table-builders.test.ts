import { describe, expect, it } from 'vitest'
import { TABLE_BUILDERS, isPrintableResource } from './table-builders'

describe('TABLE_BUILDERS', () => {
  it('knows the printable resources by their plural name', () => {
    expect(isPrintableResource('pods')).toBe(true)
    expect(isPrintableResource('configmaps')).toBe(false)
    expect(isPrintableResource('toString')).toBe(false)
  })

  it('builds an empty Table with the resource columns', () => {
    const table = TABLE_BUILDERS.nodes([], 0)
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', rows: [] })
    expect(table.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
    ])
  })
})
