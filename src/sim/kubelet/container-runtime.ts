import { hashString } from '../core/rng'
import type { ActorBase, Behaviour } from '../runtime/actor'
import type { CriCall, CriResponse } from '../runtime/messages'

/**
 * containerd behind the CRI: sandboxes (pause container + CNI networking), an image store per
 * node, and containers. Each call takes virtual time, so the kubelet's step 5 is visible.
 */
export interface ContainerRecord {
  podUid: string
  name: string
  image: string
  state: 'created' | 'running' | 'exited'
}

export interface ContainerRuntimeState extends ActorBase {
  kind: 'container-runtime'
  /** Image reference → size in bytes, for images present on this node. */
  images: Record<string, number>
  sandboxes: Record<string, { ip: string }>
  containers: Record<string, ContainerRecord>
  nextContainer: number
  nextIpSuffix: number
  /** Pod CIDR third octet: pods on node-2 get 10.244.2.x (kube-controller-manager --allocate-node-cidrs). */
  podCidrOctet: number
}

// Compressed sizes of common images (linux/amd64), so pull time depends on the image.
const KNOWN_IMAGE_BYTES: Readonly<Record<string, number>> = {
  nginx: 72_099_501,
  busybox: 2_155_327,
  redis: 45_139_712,
  httpd: 58_321_104,
  'registry.k8s.io/pause': 321_520,
}
const DEFAULT_IMAGE_BYTES = 50_000_000
// A registry pull over a 50 MB/s link, plus about 300 ms for auth, manifest and layer lookups.
const PULL_BYTES_PER_MS = 50_000
const PULL_OVERHEAD_MS = 300
const SANDBOX_MS = 400 // pause container + CNI ADD
const CREATE_MS = 60
const START_MS = 120
const STOP_MS = 150 // nginx exits promptly on SIGTERM

/** A 64-hex container id, stable for a given runtime and sequence number (as containerd's are unique). */
function containerIdFor(runtime: string, n: number): string {
  let hex = ''
  for (let i = 0; hex.length < 64; i++)
    hex += hashString(`${runtime}#${n}#${i}`).toString(16).padStart(8, '0')
  return hex.slice(0, 64)
}

export function imageSizeBytes(image: string): number {
  const repository = image.split('@')[0]?.replace(/:[^/:]*$/, '') ?? image
  const short = repository.replace(/^docker\.io\/(library\/)?/, '')
  return KNOWN_IMAGE_BYTES[short] ?? DEFAULT_IMAGE_BYTES
}

export function createContainerRuntimeState(
  id: string,
  host: string,
  rng: ActorBase['rng'],
  podCidrOctet: number,
): ContainerRuntimeState {
  return {
    id,
    kind: 'container-runtime',
    host,
    running: false,
    rng,
    images: { 'registry.k8s.io/pause:3.10': 321_520 },
    sandboxes: {},
    containers: {},
    nextContainer: 1,
    nextIpSuffix: 2,
    podCidrOctet,
  }
}

function perform(
  state: ContainerRuntimeState,
  call: CriCall,
): { delayMs: number; response: Omit<CriResponse, 'type' | 'requestId'> } {
  switch (call.call) {
    case 'RunPodSandbox': {
      const ip = `10.244.${state.podCidrOctet}.${state.nextIpSuffix++}`
      state.sandboxes[call.podUid] = { ip }
      return { delayMs: SANDBOX_MS, response: { ok: true, result: { podIp: ip } } }
    }
    case 'ImageStatus': {
      const size = state.images[call.image]
      return {
        delayMs: 1,
        response: {
          ok: true,
          result: size === undefined ? { present: false } : { present: true, imageSizeBytes: size },
        },
      }
    }
    case 'PullImage': {
      const size = imageSizeBytes(call.image)
      state.images[call.image] = size
      return {
        delayMs: PULL_OVERHEAD_MS + Math.round(size / PULL_BYTES_PER_MS),
        response: { ok: true, result: { imageSizeBytes: size, present: true } },
      }
    }
    case 'CreateContainer': {
      const containerId = containerIdFor(state.id, state.nextContainer++)
      state.containers[containerId] = {
        podUid: call.podUid,
        name: call.containerName,
        image: call.image,
        state: 'created',
      }
      return { delayMs: CREATE_MS, response: { ok: true, result: { containerId } } }
    }
    case 'StartContainer': {
      const record = state.containers[call.containerId]
      if (!record)
        return {
          delayMs: 0,
          response: { ok: false, result: {}, error: `container "${call.containerId}" not found` },
        }
      record.state = 'running'
      return {
        delayMs: START_MS,
        response: { ok: true, result: { containerId: call.containerId } },
      }
    }
    case 'StopContainer': {
      const record = state.containers[call.containerId]
      if (record) record.state = 'exited'
      return { delayMs: STOP_MS, response: { ok: true, result: { containerId: call.containerId } } }
    }
    case 'StopPodSandbox':
      delete state.sandboxes[call.podUid]
      for (const [id, c] of Object.entries(state.containers))
        if (c.podUid === call.podUid) delete state.containers[id]
      return { delayMs: 50, response: { ok: true, result: {} } }
  }
}

export const containerRuntime: Behaviour<ContainerRuntimeState> = {
  start() {
    // containerd restores its state from disk; nothing to do on start.
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type !== 'cri-request') return
    const { delayMs, response } = perform(state, body.request)
    ctx.send(
      envelope.from,
      { type: 'cri-response', requestId: body.requestId, ...response },
      {
        label: `${body.request.call} done`,
        step: envelope.step,
        about: envelope.about,
        extraDelayMs: delayMs,
      },
    )
  },
  onTimer() {
    // No timers.
  },
}
