import { describe, expect, it } from 'vitest'
import { noResourcesMessage, renderTable, renderTables } from './render-table'
import { column, makeTable, partialObjectMetadata } from './table'
import { makeGetCases, makeMultiGetCases } from './testdata/get-cases'
/** stdout (<id>.txt) and stderr (<id>.stderr.txt) of the real kubectl v1.32 against capture.mts. */
const GOLDENS = import.meta.glob<string>('./testdata/get-*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const golden = (name: string): string | undefined => GOLDENS[`./testdata/${name}.txt`]

describe('renderTable against real kubectl v1.32 output', () => {
  const cases = makeGetCases()

  it('has a golden for every case and a case for every golden', () => {
    const multi = makeMultiGetCases().map((c) => c.id)
    const single = cases.flatMap((c) =>
      c.stderrNamespace === undefined ? [c.id] : [c.id, `${c.id}.stderr`],
    )
    const ids = [...multi, ...single]
    const files = Object.keys(GOLDENS).map((path) =>
      path.replace('./testdata/', '').replace('.txt', ''),
    )
    expect(ids.sort()).toEqual(files.sort())
  })

  it.each(cases.map((c) => [c.id, c] as const))('kubectl %s', (id, testCase) => {
    expect(renderTable(testCase.table, testCase.options)).toBe(golden(id))
  })

  it.each(cases.filter((c) => c.stderrNamespace !== undefined).map((c) => [c.id, c] as const))(
    'kubectl %s (stderr)',
    (id, testCase) => {
      const message = noResourcesMessage(
        testCase.args[1] ?? '',
        testCase.stderrNamespace ?? undefined,
      )
      expect(`${message}\n`).toBe(golden(`${id}.stderr`))
    },
  )
})

describe('renderTables against real kubectl v1.32 output', () => {
  it.each(makeMultiGetCases().map((c) => [c.id, c] as const))('kubectl %s', (id, testCase) => {
    expect(renderTables(testCase.parts, testCase.options)).toBe(golden(id))
  })
})

describe('renderTable', () => {
  const table = makeTable(
    [column('Name', 'string', ''), column('Count', 'integer', ''), column('Note', 'string', '')],
    [
      { cells: ['a', 7, 'line one\nline two'], object: partialObjectMetadata({ name: 'a' }) },
      { cells: ['bb', null, ''], object: partialObjectMetadata({ name: 'bb' }) },
    ],
  )

  it('prints nothing for an empty table (kubectl prints the no-resources message instead)', () => {
    expect(renderTable(makeTable([column('Name', 'string', '')], []))).toBe('')
  })

  it('cuts strings at the first newline, prints numbers and nil as upstream printTable', () => {
    // NAME: max(4 + 3, 6) = 7; COUNT: max(5 + 3, 6) = 8; the last cell is never padded.
    expect(renderTable(table)).toBe(
      `NAME   COUNT   NOTE\na      7       line one...\nbb${' '.repeat(5 + 8)}\n`,
    )
  })

  it('pads narrow columns to the tabwriter minimum width of 6 without headers', () => {
    expect(renderTable(table, { noHeaders: true })).toBe('a     7     line one...\nbb          \n')
  })
})

describe('noResourcesMessage', () => {
  it('names the namespace for namespaced lists only', () => {
    expect(noResourcesMessage('pods', 'default')).toBe('No resources found in default namespace.')
    expect(noResourcesMessage('nodes', undefined)).toBe('No resources found')
  })
})
