import type { SimEvent } from '../../sim/index'

/** A message the trace recorded. */
export type TraceMessage = Extract<SimEvent, { type: 'MessageSent' }>

/** The object a flow is about, as the API names it. */
export interface Subject {
  kind: 'Pod' | 'ReplicaSet' | 'Deployment'
  namespace: string
  name: string
}

/** What an HTTP request's label says it does: its method, resource, namespace and name. */
export interface RequestTarget {
  method: string
  resource: string
  namespace: string
  name?: string
}

const HTTP_REQUEST =
  /^(GET|POST|PUT|PATCH|DELETE) \/apis?\/(?:[a-z0-9.-]+\/)?v1\/namespaces\/([^/\s?]+)\/([a-z]+)(?:\/([^/\s?]+))?/
const HTTP_RESPONSE = /^\d{3}\b/
const ETCD_REQUEST = /^(Txn|Range)\b(?!Response)/
const ETCD_RESPONSE = /^(TxnResponse|RangeResponse)\b/

/** Parses "POST /api/v1/namespaces/default/pods (Pod web)" and the like; undefined otherwise. */
export function requestTarget(label: string): RequestTarget | undefined {
  const match = HTTP_REQUEST.exec(label)
  if (!match) return undefined
  const [, method = '', namespace = '', resource = '', name] = match
  const named = name ?? /\((?:Pod|ReplicaSet|Deployment) ([^)\s]+)\)$/.exec(label)?.[1]
  return { method, resource, namespace, ...(named !== undefined ? { name: named } : {}) }
}

/** The subject a request is about, when it is a Pod, a ReplicaSet or a Deployment. */
export function subjectOf(target: RequestTarget): Subject | undefined {
  if (target.name === undefined) return undefined
  if (target.resource === 'pods')
    return { kind: 'Pod', namespace: target.namespace, name: target.name }
  if (target.resource === 'replicasets')
    return { kind: 'ReplicaSet', namespace: target.namespace, name: target.name }
  if (target.resource === 'deployments')
    return { kind: 'Deployment', namespace: target.namespace, name: target.name }
  return undefined
}

/**
 * Component roles by id. An HA control plane numbers its instances (kube-apiserver-2,
 * kube-scheduler-3) and puts a load balancer (kube-apiserver-lb) in front of the API servers:
 * to a client, the balancer is the API server (it relays requests and answers both ways).
 */
export const isApiServer = (id: string): boolean =>
  id === 'kube-apiserver' || id.startsWith('kube-apiserver-')
export const isScheduler = (id: string): boolean => id.startsWith('kube-scheduler')
export const isControllerManager = (id: string): boolean => id.startsWith('kube-controller-manager')

export const isHttpResponse = (m: TraceMessage): boolean => HTTP_RESPONSE.test(m.label)
export const isEtcdResponse = (m: TraceMessage): boolean => ETCD_RESPONSE.test(m.label)
export const isResponse = (m: TraceMessage): boolean => isHttpResponse(m) || isEtcdResponse(m)
export const isEtcdRequest = (m: TraceMessage): boolean =>
  isApiServer(m.from) && m.to.startsWith('etcd-') && ETCD_REQUEST.test(m.label)
export const isHttpRequest = (m: TraceMessage): boolean =>
  isApiServer(m.to) && requestTarget(m.label) !== undefined

const REGISTRY: Record<Subject['kind'], string> = {
  Pod: 'pods',
  ReplicaSet: 'replicasets',
  Deployment: 'deployments',
}

/** Does the message name the subject: its `about`, its REST path or its etcd key? */
export function names(m: TraceMessage, subject: Subject): boolean {
  if (m.about?.kind === subject.kind && m.about.name === subject.name) return true
  const resource = REGISTRY[subject.kind]
  const key = `/registry/${resource}/${subject.namespace}/${subject.name}`
  if (endsWord(m.label, key) || m.label.includes(`${resource}/${subject.name}/`)) return true
  const target = requestTarget(m.label)
  return target !== undefined && subjectOf(target)?.name === subject.name
}

/** Whether `text` contains `word` not followed by more of a name (web, not web-28j7g). */
function endsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const next = text.charAt(at + word.length)
    if (!/[\w.-]/.test(next)) return true
  }
  return false
}
