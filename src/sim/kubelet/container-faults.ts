/**
 * The failure panel's container faults, applied where they would happen on a real node: in the
 * container runtime. A crash loop makes every start of the container exit non-zero soon after
 * it starts (a bad config, a missing dependency); a bad image takes the image off the node and
 * makes the registry refuse it (a deleted tag), then restarts the container so the kubelet has
 * to pull it again. Everything after that is the kubelet's own doing: CrashLoopBackOff with the
 * container back-off, ErrImagePull then ImagePullBackOff with the image back-off (backoff.ts).
 * A fault is keyed by the Pod's name, so it names one Pod instance (its uid is kept): a Pod a
 * controller recreates starts healthy.
 */
import type { ContainerFaultKind } from '../actions'
import type { AnyActor } from '../cluster'
import { withActorContext, type KernelState, type TraceSink } from '../runtime/kernel'
import type { ActorContext } from '../runtime/actor'
import type { ContainerRecord, ContainerRuntimeState } from './runtime-state'
import { appendLine, containersOf } from './runtime-state'
import type { KubeletState, PodWorker } from './state'
import { uidNamed, viewOf } from './settled-pod'

type Kernel = KernelState<AnyActor>

/** One container's injected faults, on the runtime of the node its Pod runs on. */
export interface ContainerFault {
  podUid: string
  container: string
  /** Each start exits with status 1 this long after it starts. */
  crashLoop?: boolean
  /** The image the registry refuses for this Pod. */
  badImage?: string
}

// How long a crash-looping container runs before it exits: an app that fails on its config
// check crashes within a second or two; the kubelet's back-off then dominates the cycle.
export const CRASH_AFTER_MS = 1_500
export const CRASH_EXIT_CODE = 1
/** What the crashing app writes to stderr before it exits (seen in `kubectl logs --previous`). */
export const CRASH_LINE = 'fatal: injected fault: exiting with status 1'
// SIGKILL (128 + 9): how the container ends when the bad-image fault restarts it.
const KILLED_EXIT_CODE = 137

const faultKey = (pod: string, container: string): string => `${pod}/${container}`

/** The kubelet running this Pod ("namespace/name") and its worker, if any node runs it. */
export function findPodWorker(
  kernel: Kernel,
  pod: string,
): { kubelet: KubeletState; worker: PodWorker } | undefined {
  const [namespace, name] = pod.split('/')
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'kubelet') continue
    const uid = uidNamed(actor, namespace ?? '', name ?? '', (w) => w.stage !== 'terminating')
    const entry = uid === undefined ? undefined : actor.workers[uid]
    // A look only (an action's check, or the fault's target): a settled Pod stays settled.
    if (entry) return { kubelet: actor, worker: viewOf(entry) }
  }
  return undefined
}

function runtimeOf(kernel: Kernel, kubelet: KubeletState): ContainerRuntimeState | undefined {
  const runtime = kernel.actors[kubelet.runtime]
  return runtime?.kind === 'container-runtime' ? runtime : undefined
}

/** The fault on this container instance, if one is injected. */
export function faultOf(
  state: ContainerRuntimeState,
  podUid: string,
  container: string,
): ContainerFault | undefined {
  return Object.values(state.containerFaults ?? {}).find(
    (f) => f.podUid === podUid && f.container === container,
  )
}

/** Whether a pull of `image` for this Pod is refused (CRI PullImage carries the Pod). */
export function pullRefused(
  state: ContainerRuntimeState,
  podUid: string | undefined,
  image: string,
): boolean {
  return Object.values(state.containerFaults ?? {}).some(
    (f) => f.podUid === podUid && f.badImage === image,
  )
}

/** containerd's answer for a tag the registry does not have (reference resolution fails). */
export function notFoundError(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`
  const full = /:[^/]+$|@/.test(ref) ? ref : `${ref}:latest`
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`
}

type Stop = (
  ctx: ActorContext,
  state: ContainerRuntimeState,
  id: string,
  record: ContainerRecord,
  exitCode: number,
  finishedAtMs: number,
) => void

/** The running instance of a Pod's container ends now with `exitCode`. */
function endRunning(
  kernel: Kernel,
  sink: TraceSink,
  runtime: ContainerRuntimeState,
  fault: ContainerFault,
  exitCode: number,
  line: string | undefined,
  stop: Stop,
): void {
  if (!runtime.running) return
  const running = containersOf(runtime, fault.podUid, fault.container).find(
    ([, c]) => c.state === 'running',
  )
  if (!running) return
  const [id, record] = running
  withActorContext(kernel, sink, runtime.id, (ctx) => {
    if (line !== undefined) appendLine(record, { atMs: ctx.nowMs, stream: 'stderr', text: line })
    stop(ctx, runtime, id, record, exitCode, ctx.nowMs)
  })
}

/** Injects a crash loop or a bad image into one container of a running Pod. */
export function breakContainer(
  kernel: Kernel,
  sink: TraceSink,
  target: { pod: string; container: string; fault: ContainerFaultKind },
  stop: Stop,
): void {
  const found = findPodWorker(kernel, target.pod)
  const runtime = found && runtimeOf(kernel, found.kubelet)
  const progress = found?.worker.containers.find((c) => c.name === target.container)
  if (!found || !runtime || !progress) return
  const faults = (runtime.containerFaults ??= {})
  const key = faultKey(target.pod, target.container)
  const fault = (faults[key] ??= { podUid: found.worker.uid, container: target.container })
  sink.record(
    {
      type: 'Narrated',
      actor: runtime.id,
      text:
        target.fault === 'crashLoop'
          ? `${target.pod} container ${target.container} now exits with status ${CRASH_EXIT_CODE} ${CRASH_AFTER_MS / 1000} s after every start`
          : `${target.pod}: image ${progress.image} deleted from ${found.kubelet.host} and from its registry; container ${target.container} killed`,
    },
    kernel.nowMs,
  )
  if (target.fault === 'crashLoop') {
    fault.crashLoop = true
    endRunning(kernel, sink, runtime, fault, CRASH_EXIT_CODE, CRASH_LINE, stop)
    return
  }
  fault.badImage = progress.image
  delete runtime.images[progress.image]
  endRunning(kernel, sink, runtime, fault, KILLED_EXIT_CODE, undefined, stop)
}

/** Heals one fault of a container: the next start (after the kubelet's back-off) succeeds. */
export function fixContainer(
  kernel: Kernel,
  target: { pod: string; container: string; fault: ContainerFaultKind },
): void {
  const key = faultKey(target.pod, target.container)
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'container-runtime') continue
    const fault = actor.containerFaults?.[key]
    if (!fault) continue
    if (target.fault === 'crashLoop') delete fault.crashLoop
    else delete fault.badImage
    if (!fault.crashLoop && fault.badImage === undefined) delete actor.containerFaults?.[key]
  }
}
