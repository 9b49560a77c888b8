import {
  isApiServer,
  isControllerManager,
  isScheduler,
  requestTarget,
  type Subject,
  type TraceMessage,
} from './flow-messages'

/** What a narration line may mention: the Pod (or its owner) and who sent its request. */
export interface NarrationContext {
  kind: Subject['kind']
  name: string
  /** The Pod followed once it exists (a ReplicaSet's Pod), else the subject's name. */
  pod: string
}

const isKubelet = (id: string) => id.startsWith('kubelet/')
const nodeOf = (id: string) => id.split('/')[1] ?? id
const image = (label: string) => /(?:ImageStatus|PullImage) (\S+)/.exec(label)?.[1] ?? 'its image'

/** Plain words for a request from a client to the API server, or undefined. */
function request(m: TraceMessage, c: NarrationContext): string | undefined {
  const target = requestTarget(m.label)
  if (m.from === 'kubectl' && target) {
    if (target.method === 'GET')
      return `kubectl apply first asks the API server whether ${c.kind} ${c.name} exists (GET), to choose between creating it and patching it.`
    if (target.method === 'POST')
      return `kubectl sends the ${c.kind} as JSON to the API server (POST): “create this”.`
    if (target.method === 'PATCH')
      return `kubectl sends only what changed (PATCH) to the API server.`
    if (target.method === 'DELETE')
      return `kubectl asks the API server to delete Pod ${target.name ?? c.name} (DELETE).`
  }
  if (isControllerManager(m.from) && m.label.startsWith('POST pods'))
    return `The ReplicaSet controller counts fewer Pods than wanted and sends a new Pod to the API server (POST), as kubectl would.`
  if (isScheduler(m.from) && m.label.includes('/binding')) {
    const node = /→ (\S+)/.exec(m.label)?.[1] ?? 'a node'
    return `The scheduler picked ${node} for Pod ${c.pod} and writes a Binding to the API server.`
  }
  if (isKubelet(m.from) && m.label.includes('(Running)'))
    return `The container runs. The kubelet on ${nodeOf(m.from)} reports status Running to the API server, which stores it in etcd.`
  if (isKubelet(m.from) && m.label.includes('/status'))
    return `Meanwhile the kubelet reports the Pod’s status so far (Pending, containers being created) to the API server.`
  return undefined
}

/** Plain words for a response, a watch event or a call to the container runtime, or undefined. */
function other(m: TraceMessage, c: NarrationContext): string | undefined {
  if (m.to === 'kubectl') {
    if (m.label.startsWith('404'))
      return `It does not exist (404 Not Found), so kubectl will create it.`
    if (m.label.startsWith('200') && m.step === 1)
      return `It exists (200 OK), so kubectl will patch it with your changes.`
    if (m.label.startsWith('201'))
      return `Stored. The API server answers 201 Created and kubectl prints “created”. No node runs it yet.`
  }
  if (isApiServer(m.from) && isScheduler(m.to) && m.label.startsWith('watch'))
    return `The scheduler watches for Pods without a node. It sees ${c.pod} and looks for the best node.`
  if (isApiServer(m.from) && isScheduler(m.to) && m.label.startsWith('201'))
    return `Bound: the Pod’s node is stored in etcd (spec.nodeName).`
  if (isApiServer(m.from) && isControllerManager(m.to) && m.label.startsWith('201'))
    return `Stored: Pod ${c.pod} exists now, with no node yet.`
  if (isApiServer(m.from) && isKubelet(m.to) && m.label.startsWith('watch'))
    return `The kubelet on ${nodeOf(m.to)} watches for Pods bound to its node. It sees ${c.pod}.`
  if (isKubelet(m.from) && m.to.startsWith('container-runtime/')) return cri(m, c)
  if (isApiServer(m.from) && m.to.startsWith('etcd-') && m.label.startsWith('Txn'))
    return m.step === 2 || m.step === undefined
      ? `The API server checked who sent it, that they may, and that it is valid; now it writes it to etcd, which copies it to a quorum of its members.`
      : undefined
  return undefined
}

/** The kubelet's calls to the container runtime (CRI), in plain words. */
function cri(m: TraceMessage, c: NarrationContext): string | undefined {
  const call = m.label.split(' ')[0]
  const node = nodeOf(m.from)
  switch (call) {
    case 'RunPodSandbox':
      return `The kubelet asks the container runtime (containerd) on ${node} to set up the Pod’s sandbox: its network namespace and IP address.`
    case 'ImageStatus':
      return `The kubelet asks whether image ${image(m.label)} is already on ${node}.`
    case 'PullImage':
      return `It is not: containerd pulls ${image(m.label)} from the registry. This takes a while.`
    case 'CreateContainer':
      return `containerd creates the container for ${c.pod}.`
    case 'StartContainer':
      return `containerd starts the container.`
    default:
      return undefined
  }
}

/** The narration line a message of the flow starts, in plain words, or undefined. Pure. */
export function narrate(m: TraceMessage, context: NarrationContext): string | undefined {
  return request(m, context) ?? other(m, context)
}
