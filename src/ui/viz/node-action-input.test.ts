import { describe, expect, it } from 'vitest'
import { labelInputError, taintInputError, untaintCommand } from './node-action-input'
import { formatBytes, formatMilliCpu, quantityInputError, readableMemory } from './quantities'
import { revealState, revealSteps } from './matrix-reveal'

describe('node action input', () => {
  it.each([
    ['dedicated=gpu:NoSchedule', undefined],
    ['example.com/spot:PreferNoSchedule', undefined],
    ['dedicated=gpu', 'write the taint as key=value:Effect, e.g. dedicated=gpu:NoSchedule'],
    ['dedicated=gpu:Never', 'the effect must be one of NoSchedule, PreferNoSchedule, NoExecute'],
    [
      'bad key=x:NoSchedule',
      '"bad key" is not a valid key (letters, digits, - _ . ; optional prefix/)',
    ],
  ])('taint %s', (spec, error) => {
    expect(taintInputError(spec)).toBe(error)
  })

  it('labels and commands', () => {
    expect(labelInputError('disk=ssd')).toBeUndefined()
    expect(labelInputError('disk')).toBe('write the label as key=value, e.g. disk=ssd')
    expect(labelInputError('disk=a b')).toBe(
      '"a b" is not a valid value (letters, digits, - _ . ; ≤ 63)',
    )
    expect(untaintCommand('node-2', 'dedicated=gpu:NoSchedule')).toBe(
      'taint nodes node-2 dedicated:NoSchedule-',
    )
  })

  it('quantities', () => {
    expect(quantityInputError('cpu', '500m')).toBeUndefined()
    expect(quantityInputError('cpu', 'lots')).toBe('cpu: "lots" is not a quantity (try 8 or 500m)')
    expect([formatMilliCpu(4000), formatMilliCpu(1500)]).toEqual(['4', '1500m'])
    expect([formatBytes(8 * 2 ** 30), formatBytes(1536 * 2 ** 20)]).toEqual(['8Gi', '1536Mi'])
    expect(readableMemory('8286208Ki')).toBe('7.9Gi')
  })
})

describe('matrix reveal order', () => {
  it('filters row by row, then scores column by column, then totals, then selects', () => {
    // 3 rows, 2 score columns: 3 + 2 + 2 = 7 steps
    expect(revealSteps(3, 2)).toBe(7)
    expect(revealState(0, 3, 2)).toMatchObject({ phase: 'filter', filterRows: 0 })
    expect(revealState(3, 3, 2)).toMatchObject({ phase: 'score', filterRows: 3, scoreColumns: 0 })
    expect(revealState(5, 3, 2)).toMatchObject({ phase: 'total', scoreColumns: 2, totals: false })
    expect(revealState(6, 3, 2)).toMatchObject({ phase: 'select', totals: true, winner: false })
    expect(revealState(7, 3, 2)).toMatchObject({ phase: 'done', winner: true })
  })
})
