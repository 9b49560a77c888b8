import { describe, expect, it } from 'vitest'
import { replicaSetsToTable } from './replica-set-table'
import { formatLabelSelector, formatLabels, labelSelectorString } from './table'

describe('replicaSetsToTable', () => {
  it('prints int64 counts, defaults replicas to 1 and lays out containers', () => {
    const table = replicaSetsToTable(
      [
        {
          metadata: { name: 'rs', creationTimestamp: '2025-01-01T00:00:00Z' },
          spec: {
            selector: {},
            template: {
              spec: {
                containers: [
                  { name: 'a', image: 'x:1' },
                  { name: 'b', image: 'y:2' },
                ],
              },
            },
          },
        },
      ],
      90_000,
    )
    expect(table.rows[0]?.cells).toEqual(['rs', 1, 0, 0, '90s', 'a,b', 'x:1,y:2', '<none>'])
  })
})

// labels.FormatLabels, metav1.FormatLabelSelector and Requirement.String (apimachinery v1.32)
describe('label formatting', () => {
  it('formats labels sorted by key, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2')
    expect(formatLabels(undefined)).toBe('<none>')
  })

  it('formats every selector operator, sorted by key with sorted values', () => {
    const selector = {
      matchLabels: { zone: 'a' },
      matchExpressions: [
        { key: 'tier', operator: 'NotIn', values: ['b', 'a'] },
        { key: 'env', operator: 'In', values: ['prod'] },
        { key: 'beta', operator: 'Exists' },
        { key: 'alpha', operator: 'DoesNotExist' },
      ],
    }
    expect(labelSelectorString(selector)).toBe('!alpha,beta,env in (prod),tier notin (a,b),zone=a')
    expect(formatLabelSelector(undefined)).toBe('<none>')
    expect(labelSelectorString({})).toBe('')
  })
})
