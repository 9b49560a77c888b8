import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KUBECTL_TABWRITER, alignTabs } from './tabwriter'

/** Dumb oracle for tables whose lines all have the same number of cells. */
function alignUniform(rows: string[][], minWidth: number, padding: number): string {
  const columns = (rows[0]?.length ?? 1) - 1
  const widths = Array.from({ length: columns }, (_, j) =>
    Math.max(minWidth, ...rows.map((row) => (row[j] ?? '').length + padding)),
  )
  return rows
    .map((row) => row.map((cell, j) => (j < columns ? cell.padEnd(widths[j] ?? 0) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('')
}

describe('alignTabs', () => {
  it('matches the dumb oracle on uniform tables (kubectl and describe settings)', () => {
    const cell = fc.stringMatching(/^[a-z0-9<>/.-]{0,12}$/)
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((n) =>
        fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
      )
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((row) => `${row.join('\t')}\n`).join('')
        expect(alignTabs(text)).toBe(alignUniform(rows, 6, 3))
        expect(alignTabs(text, { minWidth: 0, padding: 2 })).toBe(alignUniform(rows, 0, 2))
      }),
    )
  })

  it('aligns each column block separately, as Go text/tabwriter', () => {
    // Lines 1-2 share column 0; the tab-less line 3 ends the block; lines 4-5 start a new one.
    const text = 'Name:\tweb\nNamespace:\tdefault\nContainers:\n  app:\tx\n  Image:\tnginx\n'
    expect(alignTabs(text, { minWidth: 0, padding: 2 })).toBe(
      'Name:       web\nNamespace:  default\nContainers:\n  app:    x\n  Image:  nginx\n',
    )
  })

  it('counts width in code points like Go runes', () => {
    expect(alignTabs('é\tx\nab\ty\n', KUBECTL_TABWRITER)).toBe('é     x\nab    y\n')
  })
})
