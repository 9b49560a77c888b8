/**
 * `kubectl describe deployment | replicaset | job | node NAME`: the requests each describer makes
 * (the object, then its ReplicaSets / pods / Lease, then its events), and the printed text.
 * Source: staging/src/k8s.io/kubectl/pkg/describe/describe.go DeploymentDescriber,
 * ReplicaSetDescriber, JobDescriber, NodeDescriber (v1.32); requests checked with the real kubectl.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Event, Node, Pod } from 'kubernetes-types/core/v1'
import { findResourceByAlias, restPath } from '../apiserver/resources'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { describeNode } from '../printers/describe-node'
import { describeDeployment, describeJob, describeReplicaSet } from '../printers/describe-workloads'
import { fail, print } from './commands'
import { formatApiError } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { flowOf, workloadCall } from './workload-call'

const KINDS = ['Deployment', 'ReplicaSet', 'Job', 'Node']

const labelSelector = (selector: { matchLabels?: Record<string, string> } | undefined) =>
  Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')

/** Whether `describe <type>` is one of these; starts it and returns true if so. */
export function startDescribeWorkload(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  type: string,
  name: string,
): boolean {
  const info = findResourceByAlias(type)
  if (!info || !KINDS.includes(info.kind)) return false
  cmd.flow = {
    verb: `describe ${info.kind}`,
    namespace: cmd.namespace,
    name,
    data: { step: 0, kind: info.kind },
  }
  workloadCall(
    ctx,
    state,
    cmd,
    { method: 'GET', path: restPath(info, info.namespaced ? cmd.namespace : undefined, name) },
    'describe-workload',
  )
  return true
}

function eventsQuery(object: KubeObject, kind: string, uid: string): Record<string, string> {
  const ns = object.metadata?.namespace ?? ''
  return {
    fieldSelector: `involvedObject.name=${object.metadata?.name ?? ''},involvedObject.namespace=${ns},involvedObject.kind=${kind},involvedObject.uid=${uid}`,
  }
}

export interface DescribeRequest {
  path: string
  query?: Record<string, string>
}

/** The next request of a describer, in kubectl's order; undefined once everything is read. */
function nextRequest(flow: ReturnType<typeof flowOf>): DescribeRequest | undefined {
  const requests = describeRequests(
    String(flow.data['kind']),
    flow.object as KubeObject,
    flow.name,
    flow.namespace,
  )
  return requests[Number(flow.data['step'])]
}

/** What a describer reads after the object itself, in kubectl v1.32's order. Pure. */
export function describeRequests(
  kind: string,
  object: KubeObject,
  name: string,
  ns: string,
): DescribeRequest[] {
  const uid = object.metadata?.uid ?? ''
  const events = {
    path: kind === 'Node' ? '/api/v1/events' : `/api/v1/namespaces/${ns}/events`,
    query: eventsQuery(object, kind, uid),
  }
  const plan: Record<string, DescribeRequest[]> = {
    Deployment: [
      events,
      {
        path: `/apis/apps/v1/namespaces/${ns}/replicasets`,
        query: { labelSelector: labelSelector((object as Deployment).spec?.selector) },
      },
    ],
    ReplicaSet: [
      {
        path: `/api/v1/namespaces/${ns}/pods`,
        query: { labelSelector: labelSelector((object as ReplicaSet).spec?.selector) },
      },
      events,
    ],
    Job: [events],
    Node: [
      {
        path: '/api/v1/pods',
        query: {
          fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
        },
      },
      events,
      // The kubelet records node events with the node's name as uid.
      { path: '/api/v1/events', query: eventsQuery(object, kind, name) },
      { path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}` },
    ],
  }
  return plan[kind] ?? []
}

const itemsOf = <T = KubeObject>(body: unknown): T[] => (body as { items?: T[] }).items ?? []

/**
 * The describer's text from the object and the answers to its follow-up requests, in the order
 * nextRequest asks them (a missing answer is undefined). Pure.
 */
export function renderWorkloadDescribe(
  kind: string,
  object: KubeObject,
  answers: readonly unknown[],
  nowMs: number,
): string {
  switch (kind) {
    case 'Deployment': {
      const d = object as Deployment
      const owned = itemsOf(answers[1]).filter((rs) =>
        rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata?.uid),
      ) as ReplicaSet[]
      const template = JSON.stringify(d.spec?.template)
      const strip = (rs: ReplicaSet) => {
        const labels = { ...rs.spec?.template?.metadata?.labels }
        delete labels['pod-template-hash']
        return JSON.stringify({
          ...rs.spec?.template,
          metadata: { ...rs.spec?.template?.metadata, labels },
        })
      }
      const newRS = owned.find((rs) => strip(rs) === template)
      // describe prints every old ReplicaSet, scaled to 0 or not (allOldRSs).
      const oldRSs = owned.filter((rs) => rs !== newRS)
      return describeDeployment(d, oldRSs, newRS, itemsOf<Event>(answers[0]), nowMs)
    }
    case 'ReplicaSet':
      return describeReplicaSet(
        object as ReplicaSet,
        itemsOf<Pod>(answers[0]),
        itemsOf<Event>(answers[1]),
        nowMs,
      )
    case 'Job':
      return describeJob(object as Job, itemsOf<Event>(answers[0]), nowMs)
    default: {
      const lease = answers[3] as Lease | undefined
      const events = [...itemsOf<Event>(answers[1]), ...itemsOf<Event>(answers[2])]
      return describeNode(
        object as Node,
        itemsOf<Pod>(answers[0]),
        events,
        lease?.kind === 'Lease' ? lease : undefined,
        nowMs,
      )
    }
  }
}

/** Each answer: keep it, then ask the next question or print. True while the command goes on. */
export function onDescribeWorkload(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const flow = flowOf(cmd)
  const step = Number(flow.data['step'])
  if (flow.object === undefined) {
    if (code !== 200) {
      fail(cmd, formatApiError(body))
      return false
    }
    flow.object = body as KubeObject
    if (String(flow.data['kind']) === 'Node') flow.namespace = ''
  } else {
    flow.data['answers'] = [
      ...((flow.data['answers'] ?? []) as unknown[]),
      code === 200 ? body : undefined,
    ]
    flow.data['step'] = step + 1
  }
  const next = nextRequest(flow)
  if (!next) {
    print(
      cmd,
      renderWorkloadDescribe(
        String(flow.data['kind']),
        flow.object,
        (flow.data['answers'] ?? []) as unknown[],
        ctx.nowMs,
      ),
    )
    return false
  }
  workloadCall(
    ctx,
    state,
    cmd,
    { method: 'GET', path: next.path, ...(next.query ? { query: next.query } : {}) },
    'describe-workload',
  )
  return true
}
