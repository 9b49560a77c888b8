import type { FlowState } from './flow-state'

const verb = (command: string) => (command.startsWith('create') ? 'created' : 'applied')

/** One line on what the step list follows and why. */
export function captionOf(flow: FlowState): string {
  const { subject, pod, owner, deleted, cause } = flow
  if (cause.kind === 'delete') {
    if (!deleted) return 'You asked to delete a Pod.'
    if (!pod)
      return `You deleted Pod ${deleted}. If a controller owns it, it creates a replacement: the steps will follow it.`
    return `Following ${pod.name}: ReplicaSet ${owner ?? '?'}’s replacement for ${deleted}, which you deleted.`
  }
  if (cause.kind === 'scale') {
    if (!pod) return `You scaled ReplicaSet ${owner ?? '?'}; the steps follow its first new Pod.`
    return `Following ${pod.name}, the first new Pod after you scaled ReplicaSet ${owner ?? '?'}.`
  }
  if (!subject)
    return cause.served ? `A real kubectl sent ${cause.command}` : `kubectl ${cause.command}`
  if (subject.kind === 'Pod')
    return cause.served
      ? `Following Pod ${subject.name}, which a real kubectl ${cause.command.startsWith('PATCH') ? 'applied' : 'created'}.`
      : `Following Pod ${subject.name}, which you ${verb(cause.command)}.`
  if (subject.kind === 'Deployment') {
    if (!pod)
      return `Deployment ${subject.name}: kubectl stores it (steps 1–2), then the Deployment controller creates a ReplicaSet and the ReplicaSet controller its Pods.`
    return `Following ${pod.name}, the first Pod of Deployment ${subject.name}: kubectl stored the Deployment, its controller a ReplicaSet, whose controller sent the Pod (steps 1–2 again).`
  }
  if (!pod)
    return `ReplicaSet ${subject.name}: kubectl stores it (steps 1–2), then its controller creates the Pods.`
  return `Following ${pod.name}, the first Pod of ReplicaSet ${subject.name}: kubectl stored the ReplicaSet, then its controller sent the Pod (steps 1–2 again).`
}

/** The closing line once the Pod's Running status is stored: what happened, in cluster time. */
export function closingOf(flow: FlowState, kubelet: string): string {
  const node = kubelet.split('/')[1] ?? kubelet
  const seconds = (((flow.completedAtMs ?? flow.causeAtMs) - flow.causeAtMs) / 1000).toFixed(2)
  return `Done: Pod ${flow.pod?.name ?? '?'} is Running on ${node}. From ${flow.cause.served ? `the real kubectl’s “${flow.cause.command}”` : `“kubectl ${flow.cause.command}”`} to its Running status stored in etcd took ${seconds} s of cluster time.`
}
