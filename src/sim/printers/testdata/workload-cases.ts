/**
 * The describe / rollout history goldens for Deployments, ReplicaSets, Jobs and Nodes: the
 * kubectl arguments, and how the sim renders the same from workload-fixture.json (objects taken
 * from a simulated cluster: the kubernetes.io nginx-deployment rolled to nginx:1.16.1, the pi
 * Job, its nodes and Leases). capture-workloads.mts writes the fixture and the real kubectl's
 * output; describe-workloads.test.ts compares.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { findResourceByAlias, restPath } from '../../apiserver/resources'
import type { KubeObject } from '../../model/objects'
import { describeRequests, renderWorkloadDescribe } from '../../kubectl/describe-workloads'
import { historyText, revisionsOf } from '../../kubectl/rollout-history'
import { fixtureAnswer } from './fixture-server'

export interface WorkloadFixture {
  nowMs: number
  objects: KubeObject[]
}

export interface WorkloadCase {
  id: string
  args: string[]
  render: (fixture: WorkloadFixture) => string
}

function describeCase(id: string, type: string, name: string, namespace = 'default'): WorkloadCase {
  return {
    id,
    args: ['describe', type, name, ...(namespace === '' ? [] : ['-n', namespace])],
    render: ({ objects, nowMs }) => {
      const info = findResourceByAlias(type)
      if (!info) throw new Error(`no resource ${type}`)
      const ns = info.namespaced ? namespace : undefined
      const object = fixtureAnswer(objects, restPath(info, ns, name), {}) as KubeObject
      const answers = describeRequests(info.kind, object, name, ns ?? '').map((r) =>
        fixtureAnswer(objects, r.path, r.query ?? {}),
      )
      return renderWorkloadDescribe(info.kind, object, answers, nowMs)
    },
  }
}

function historyCase(id: string, name: string, revision?: number): WorkloadCase {
  return {
    id,
    args: [
      'rollout',
      'history',
      `deployment/${name}`,
      ...(revision !== undefined ? [`--revision=${revision}`] : []),
    ],
    render: ({ objects }) => {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === name)
      const sets = objects.filter((o) => o.kind === 'ReplicaSet')
      return historyText(name, revisionsOf(d as Deployment, sets), revision)
    },
  }
}

/** The ReplicaSets of the nginx Deployment, newest revision first. */
export function replicaSetNames(fixture: WorkloadFixture): string[] {
  const sets = fixture.objects.filter((o) => o.kind === 'ReplicaSet') as ReplicaSet[]
  const revision = (rs: ReplicaSet) =>
    Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0)
  return sets.sort((a, b) => revision(b) - revision(a)).map((rs) => rs.metadata?.name ?? '')
}

export function makeWorkloadCases(fixture: WorkloadFixture): WorkloadCase[] {
  const [newRS = '', oldRS = ''] = replicaSetNames(fixture)
  return [
    describeCase('workload-describe-deployment', 'deployment', 'nginx-deployment'),
    describeCase('workload-describe-rs-new', 'replicaset', newRS),
    describeCase('workload-describe-rs-old', 'replicaset', oldRS),
    describeCase('workload-describe-job', 'job', 'pi'),
    describeCase('workload-describe-node', 'node', 'node-1', ''),
    historyCase('workload-rollout-history', 'nginx-deployment'),
    historyCase('workload-rollout-history-revision', 'nginx-deployment', 1),
  ]
}
