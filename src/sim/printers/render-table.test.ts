import { describe, expect, it } from 'vitest'
import { noResourcesMessage, renderTable } from './render-table'
import { column, makeTable, partialObjectMetadata } from './table'
import { makeGetCases } from './testdata/get-cases'
import getNodes from './testdata/get-nodes.txt?raw'
import getNodesWide from './testdata/get-nodes-wide.txt?raw'
import getPods from './testdata/get-pods.txt?raw'
import getPodsAllNamespaces from './testdata/get-pods-all-namespaces.txt?raw'
import getPodsAllNamespacesWideLabels from './testdata/get-pods-all-namespaces-wide-labels.txt?raw'
import getPodsNoHeaders from './testdata/get-pods-no-headers.txt?raw'
import getPodsWide from './testdata/get-pods-wide.txt?raw'
import getRs from './testdata/get-rs.txt?raw'
import getRsWideLabels from './testdata/get-rs-wide-labels.txt?raw'

/** stdout of the real kubectl v1.32 against capture.mts serving each case's Table. */
const GOLDENS: Readonly<Record<string, string>> = {
  'get-pods': getPods,
  'get-pods-wide': getPodsWide,
  'get-pods-all-namespaces': getPodsAllNamespaces,
  'get-pods-all-namespaces-wide-labels': getPodsAllNamespacesWideLabels,
  'get-pods-no-headers': getPodsNoHeaders,
  'get-nodes': getNodes,
  'get-nodes-wide': getNodesWide,
  'get-rs': getRs,
  'get-rs-wide-labels': getRsWideLabels,
}

describe('renderTable against real kubectl v1.32 output', () => {
  const cases = makeGetCases()

  it('has a golden for every case', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(Object.keys(GOLDENS).sort())
  })

  it.each(cases.map((c) => [c.id, c] as const))('kubectl %s', (id, testCase) => {
    expect(renderTable(testCase.table, testCase.options)).toBe(GOLDENS[id])
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
