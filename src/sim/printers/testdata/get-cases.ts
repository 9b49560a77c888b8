/**
 * Each golden: the kubectl arguments, the Table the simulated server answers with, and the
 * renderTable options that must reproduce kubectl's stdout. capture.mts serves `table` to the
 * real kubectl v1.32 and writes `<id>.txt`; render-table.test.ts compares against it.
 */
import { deploymentsToTable } from '../deployment-table'
import { eventsToTable } from '../event-table'
import { namespacesToTable } from '../namespace-table'
import { NODE_COLUMNS, nodesToTable } from '../node-table'
import { POD_COLUMNS, podsToTable } from '../pod-table'
import type { RenderTableOptions } from '../render-table'
import { replicaSetsToTable } from '../replica-set-table'
import { servicesToTable } from '../service-table'
import { makeTable } from '../table'
import type { Table } from '../table'
import { makeDeployments, makeEvents, makeNamespaces, makeServices } from './cluster-fixtures'
import { NOW_SIM_MS, makeAllNamespacePods, makePods } from './pod-fixtures'
import { makeNodes, makeReplicaSets } from './workload-fixtures'

export interface GetCase {
  /** Golden file name without ".txt". */
  id: string
  /** Arguments after `kubectl`. */
  args: string[]
  table: Table
  options: RenderTableOptions
  /** Empty lists: the namespace kubectl names on stderr (null: none). */
  stderrNamespace?: string | null
}

export function makeGetCases(): GetCase[] {
  const pods = podsToTable(makePods(), NOW_SIM_MS)
  const allPods = podsToTable(makeAllNamespacePods(), NOW_SIM_MS)
  const nodes = nodesToTable(makeNodes(), NOW_SIM_MS)
  const replicaSets = replicaSetsToTable(makeReplicaSets(), NOW_SIM_MS)
  return [...makePodNodeRsCases(pods, allPods, nodes, replicaSets), ...makeOtherCases()]
}

function makePodNodeRsCases(
  pods: Table,
  allPods: Table,
  nodes: Table,
  replicaSets: Table,
): GetCase[] {
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

function makeOtherCases(): GetCase[] {
  const deployments = deploymentsToTable(makeDeployments(), NOW_SIM_MS)
  const events = eventsToTable(makeEvents(), NOW_SIM_MS)
  const services = servicesToTable(makeServices(), NOW_SIM_MS)
  const namespaces = namespacesToTable(makeNamespaces(), NOW_SIM_MS)
  const emptyPods = makeTable([...POD_COLUMNS], [])
  return [
    { id: 'get-deploy', args: ['get', 'deploy'], table: deployments, options: {} },
    {
      id: 'get-deploy-wide',
      args: ['get', 'deploy', '-o', 'wide'],
      table: deployments,
      options: { wide: true },
    },
    { id: 'get-events', args: ['get', 'events'], table: events, options: {} },
    {
      id: 'get-events-wide',
      args: ['get', 'events', '-o', 'wide'],
      table: events,
      options: { wide: true },
    },
    { id: 'get-svc', args: ['get', 'svc'], table: services, options: {} },
    {
      id: 'get-svc-wide',
      args: ['get', 'svc', '-o', 'wide'],
      table: services,
      options: { wide: true },
    },
    { id: 'get-ns', args: ['get', 'ns'], table: namespaces, options: {} },
    {
      id: 'get-rs-label-columns-show-kind',
      args: ['get', 'rs', '-L', 'app,example.com/missing', '--show-kind', '--show-labels'],
      table: replicaSetsToTable(makeReplicaSets(), NOW_SIM_MS),
      options: {
        labelColumns: ['app', 'example.com/missing'],
        kind: 'replicaset.apps',
        showLabels: true,
      },
    },
    {
      id: 'get-pods-show-kind-all',
      args: ['get', 'pods', '--show-kind', '-A', '-o', 'wide'],
      table: podsToTable(makeAllNamespacePods(), NOW_SIM_MS),
      options: { kind: 'pod', withNamespace: true, wide: true },
    },
    { id: 'get-events-odd-text', args: ['get', 'events'], table: oddTextEvents(), options: {} },
    {
      id: 'get-ns-labels',
      args: ['get', 'ns', '--show-labels'],
      table: namespaces,
      options: { showLabels: true },
    },
    {
      id: 'get-pods-empty',
      args: ['get', 'pods'],
      table: emptyPods,
      options: {},
      stderrNamespace: 'default',
    },
    {
      id: 'get-pods-empty-all',
      args: ['get', 'pods', '-A'],
      table: emptyPods,
      options: { withNamespace: true },
      stderrNamespace: null,
    },
    {
      id: 'get-nodes-empty',
      args: ['get', 'nodes'],
      table: makeTable([...NODE_COLUMNS], []),
      options: {},
      stderrNamespace: null,
    },
  ]
}

/** Control characters in cells: how kubectl escapes or cuts them. */
function oddTextEvents(): Table {
  const messages = [
    'tab\there',
    'carriage\rreturn',
    'form\ffeed',
    'ansi \u001b[31mred\u001b[0m',
    'ünïcödé ✓',
  ]
  const events = makeEvents().slice(0, messages.length)
  return eventsToTable(
    events.map((event, i) => ({ ...event, message: messages[i] ?? '' })),
    NOW_SIM_MS,
  )
}

/** A `get` of several resource types: each part is served for its resource path. */
export interface MultiGetCase {
  id: string
  args: string[]
  parts: { resource: string; kind: string; table: Table }[]
  options: RenderTableOptions
}

export function makeMultiGetCases(): MultiGetCase[] {
  const pods = {
    resource: 'pods',
    kind: 'pod',
    table: podsToTable(makeAllNamespacePods().slice(1), NOW_SIM_MS),
  }
  const services = {
    resource: 'services',
    kind: 'service',
    table: servicesToTable(makeServices().slice(0, 2), NOW_SIM_MS),
  }
  const noReplicaSets = {
    resource: 'replicasets',
    kind: 'replicaset.apps',
    table: replicaSetsToTable([], NOW_SIM_MS),
  }
  const deployments = {
    resource: 'deployments',
    kind: 'deployment.apps',
    table: deploymentsToTable(makeDeployments(), NOW_SIM_MS),
  }
  return [
    { id: 'get-multi-pods-svc', args: ['get', 'pods,svc'], parts: [pods, services], options: {} },
    {
      id: 'get-multi-empty-middle',
      args: ['get', 'pods,rs,deploy'],
      parts: [pods, noReplicaSets, deployments],
      options: {},
    },
    {
      id: 'get-multi-no-headers-wide',
      args: ['get', 'pods,svc', '--no-headers', '-o', 'wide'],
      parts: [pods, services],
      options: { noHeaders: true, wide: true },
    },
  ]
}
