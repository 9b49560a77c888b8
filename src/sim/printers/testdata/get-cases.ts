/**
 * Each golden: the kubectl arguments, the Table the simulated server answers with, and the
 * renderTable options that must reproduce kubectl's stdout. capture.mts serves `table` to the
 * real kubectl v1.32 and writes `<id>.txt`; render-table.test.ts compares against it.
 */
import { nodesToTable } from '../node-table'
import { podsToTable } from '../pod-table'
import type { RenderTableOptions } from '../render-table'
import { replicaSetsToTable } from '../replica-set-table'
import type { Table } from '../table'
import { NOW_SIM_MS, makeAllNamespacePods, makePods } from './pod-fixtures'
import { makeNodes, makeReplicaSets } from './workload-fixtures'

export interface GetCase {
  /** Golden file name without ".txt". */
  id: string
  /** Arguments after `kubectl`. */
  args: string[]
  table: Table
  options: RenderTableOptions
}

export function makeGetCases(): GetCase[] {
  const pods = podsToTable(makePods(), NOW_SIM_MS)
  const allPods = podsToTable(makeAllNamespacePods(), NOW_SIM_MS)
  const nodes = nodesToTable(makeNodes(), NOW_SIM_MS)
  const replicaSets = replicaSetsToTable(makeReplicaSets(), NOW_SIM_MS)
  return [
    { id: 'get-pods', args: ['get', 'pods'], table: pods, options: {} },
    {
      id: 'get-pods-wide',
      args: ['get', 'pods', '-o', 'wide'],
      table: pods,
      options: { wide: true },
    },
    {
      id: 'get-pods-all-namespaces',
      args: ['get', 'pods', '-A'],
      table: allPods,
      options: { withNamespace: true },
    },
    {
      id: 'get-pods-all-namespaces-wide-labels',
      args: ['get', 'pods', '-A', '-o', 'wide', '--show-labels'],
      table: allPods,
      options: { withNamespace: true, wide: true, showLabels: true },
    },
    {
      id: 'get-pods-no-headers',
      args: ['get', 'pods', '--no-headers'],
      table: allPods,
      options: { noHeaders: true },
    },
    { id: 'get-nodes', args: ['get', 'nodes'], table: nodes, options: {} },
    {
      id: 'get-nodes-wide',
      args: ['get', 'nodes', '-o', 'wide'],
      table: nodes,
      options: { wide: true },
    },
    { id: 'get-rs', args: ['get', 'rs'], table: replicaSets, options: {} },
    {
      id: 'get-rs-wide-labels',
      args: ['get', 'rs', '-o', 'wide', '--show-labels'],
      table: replicaSets,
      options: { wide: true, showLabels: true },
    },
  ]
}
