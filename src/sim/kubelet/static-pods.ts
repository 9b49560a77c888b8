/**
 * Static Pods on a kubeadm control-plane node: the kubelet runs etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler from manifests in /etc/kubernetes/manifests and
 * publishes each as a mirror Pod "<component>-<node>" so `kubectl get pods -n kube-system` shows
 * them. Stopping a component here means its manifest was moved away: the kubelet deletes the
 * mirror Pod (when it can reach the API server); starting it puts the manifest back.
 * Sources (v1.32): pkg/kubelet/pod/mirror_client.go (mirror Pods, kubernetes.io/config.mirror),
 * pkg/kubelet/config/common.go (name "<pod>-<node>", config.source/hash annotations),
 * cmd/kubeadm/app/phases/controlplane/manifests.go and etcd/local.go (images, requests, labels).
 * NB: the components themselves are the simulation's own actors; the mirror Pods' status is
 * reported from whether those actors run, not from containers the runtime started.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { hashString } from '../core/rng'
import { simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi, type PendingCall } from '../runtime/api-client'
import type { HttpResponse } from '../runtime/messages'
import { KUBELET_VERSION } from './node-object'
import type { KubeletState } from './state'

/** One manifest in /etc/kubernetes/manifests. */
export interface StaticPod {
  /** The manifest's pod name: "kube-apiserver", "etcd", "etcd-2". */
  name: string
  /** The actor it stands for: "kube-apiserver-2", "etcd-3". */
  component: string
  /** The manifest is in place (the component runs). */
  present: boolean
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'
// Images kubeadm v1.32 deploys (constants.go, etcd 3.5.16-0 for 1.32).
const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0'
const image = (component: string) => `registry.k8s.io/${component}:${KUBELET_VERSION}`
// kubeadm's container resource requests (manifests.go, etcd/local.go).
const CPU_REQUEST: Record<string, string> = {
  'kube-apiserver': '250m',
  'kube-controller-manager': '200m',
  'kube-scheduler': '100m',
  etcd: '100m',
}

const componentOf = (pod: StaticPod) => (pod.name.startsWith('etcd') ? 'etcd' : pod.name)
export const mirrorName = (pod: StaticPod, node: string) => `${pod.name}-${node}`

function mirrorPod(state: KubeletState, pod: StaticPod): KubeObject {
  const component = componentOf(pod)
  const hash = hashString(`${pod.name}@${state.nodeName}`).toString(16).padStart(8, '0').repeat(4)
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: mirrorName(pod, state.nodeName),
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': hash,
        [MIRROR_ANNOTATION]: hash,
        'kubernetes.io/config.seen': simTimeToRfc3339(0).replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
        ...(component === 'kube-apiserver'
          ? {
              'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${state.internalIp}:6443`,
            }
          : {}),
        ...(component === 'etcd'
          ? {
              'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${state.internalIp}:2379`,
            }
          : {}),
      },
      ...(state.nodeUid !== undefined
        ? {
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Node',
                name: state.nodeName,
                uid: state.nodeUid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      nodeName: state.nodeName,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: component,
          image: component === 'etcd' ? ETCD_IMAGE : image(component),
          command: [component],
          resources: {
            requests: {
              cpu: CPU_REQUEST[component] ?? '100m',
              ...(component === 'etcd' ? { memory: '100Mi' } : {}),
            },
          },
        },
      ],
    },
  }
}

/** The status the kubelet reports for a static pod whose component runs. */
function runningStatus(state: KubeletState, pod: StaticPod, sinceMs: number): Pod['status'] {
  const since = simTimeToRfc3339(sinceMs)
  const component = componentOf(pod)
  const imageRef = component === 'etcd' ? ETCD_IMAGE : image(component)
  const ok = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: since,
  })
  return {
    phase: 'Running',
    conditions: [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map(ok),
    hostIP: state.internalIp,
    hostIPs: [{ ip: state.internalIp }],
    podIP: state.internalIp,
    podIPs: [{ ip: state.internalIp }],
    startTime: since,
    qosClass: 'Burstable',
    containerStatuses: [
      {
        name: component,
        image: imageRef,
        imageID: `${imageRef.replace(/:[^:/]*$/, '')}@sha256:${hashString(imageRef).toString(16).padStart(8, '0').repeat(8)}`,
        containerID: `containerd://${hashString(`${pod.name}#${state.nodeName}`).toString(16).padStart(8, '0').repeat(8)}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: since } },
        lastState: {},
      },
    ],
  }
}

function createMirror(ctx: ActorContext, state: KubeletState, pod: StaticPod): void {
  callApi(
    ctx,
    state.client,
    {
      method: 'POST',
      path: '/api/v1/namespaces/kube-system/pods',
      body: mirrorPod(state, pod),
      label: `POST pods (mirror ${mirrorName(pod, state.nodeName)})`,
    },
    { purpose: 'mirror-create', data: pod.name },
  )
}

/** Registered (or back in touch): make sure every present static pod has its mirror Pod. */
export function syncMirrorPods(ctx: ActorContext, state: KubeletState): void {
  for (const pod of state.staticPods ?? []) if (pod.present) createMirror(ctx, state, pod)
}

/** A manifest moved away or back (stopComponent / startComponent on this machine). */
export function setStaticPodPresent(
  ctx: ActorContext,
  state: KubeletState,
  component: string,
  present: boolean,
): void {
  const pod = state.staticPods?.find((p) => p.component === component)
  if (!pod || pod.present === present) return
  pod.present = present
  if (!state.running || !state.registered) return
  if (present) return createMirror(ctx, state, pod)
  const name = mirrorName(pod, state.nodeName)
  callApi(
    ctx,
    state.client,
    {
      method: 'DELETE',
      path: `/api/v1/namespaces/kube-system/pods/${name}`,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
      label: `DELETE pods/${name} (static pod manifest removed)`,
    },
    { purpose: 'mirror-delete' },
  )
}

/** Mirror-pod responses; returns whether the response was one. */
export function onMirrorResponse(
  ctx: ActorContext,
  state: KubeletState,
  pending: PendingCall,
  response: HttpResponse,
): boolean {
  if (pending.purpose === 'mirror-delete' || pending.purpose === 'mirror-status') return true
  if (pending.purpose !== 'mirror-create') return false
  const pod = state.staticPods?.find((p) => p.name === pending.data)
  if (!pod || (response.code !== 201 && response.code !== 409)) return true
  const name = mirrorName(pod, state.nodeName)
  callApi(
    ctx,
    state.client,
    {
      method: 'PATCH',
      path: `/api/v1/namespaces/kube-system/pods/${name}/status`,
      body: { status: runningStatus(state, pod, ctx.nowMs) },
      contentType: 'application/merge-patch+json',
      label: `PATCH pods/${name}/status (Running)`,
    },
    { purpose: 'mirror-status' },
  )
  return true
}

/** A mirror Pod: the kubelet publishes it and never runs it through the container runtime. */
export const isMirrorPod = (pod: Pod): boolean =>
  pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined
