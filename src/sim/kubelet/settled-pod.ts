import type { Container, Pod } from 'kubernetes-types/core/v1'
import { defaultPullPolicy } from '../apiserver/admission/defaults'
import type { ContainerProgress, KubeletState, PodWorker } from './state'
import type { PodFiles } from './volumes'

/**
 * A Pod at rest on its node: every container started once and running, no probe, no restart,
 * nothing waiting. Its worker then says little the Pod object does not: names, images and pull
 * policies are the spec's, the stage is 'running', and the status last reported is (nearly
 * always) the server's copy the informer delivered. So the kubelet keeps it as this frozen
 * record (~100 bytes, shared by every checkpoint as it is) instead of a mutable worker with an
 * object per container (~400), and `workerOf` gives back the very same PodWorker when
 * something happens to the Pod (a CRI answer, a container's exit, its deletion, a log read or
 * an exec): the event's handler works on the full worker, and the kubelet settles the Pod
 * again once the handler is done (`settleTouched`), if it is at rest.
 * A KWOK node keeps nothing per Pod; a real kubelet keeps its pod worker, status cache and
 * probe workers (pkg/kubelet/pod_workers.go, status/status_manager.go, v1.32): this keeps what
 * the simulation needs of those that the Pod does not already say.
 */
export interface SettledPod {
  readonly pod: Pod
  readonly podIp: string | undefined
  readonly startTimeMs: number
  /** Each container's id, in spec order; one container's is the string itself. */
  readonly ids: string | readonly string[]
  /** When each container started, in spec order; one container's is the number itself. */
  readonly startedAtMs: number | readonly number[]
  readonly files: PodFiles | undefined
  /** The status last reported, when it is not the Pod's own (`pod.status`, the usual case). */
  readonly reportedStatus?: unknown
  readonly nullProbeTimes: number
}

export type WorkerEntry = PodWorker | SettledPod

export const isSettled = (entry: WorkerEntry): entry is SettledPod =>
  (entry as Partial<PodWorker>).stage === undefined

const pullPolicyOf = (spec: Container): string =>
  spec.imagePullPolicy ?? defaultPullPolicy(spec.image ?? '')

/** A container of the worker is what its spec says and has run since its first start. */
function atRest(c: ContainerProgress, spec: Container | undefined): boolean {
  if (spec === undefined) return false
  return (
    c.name === spec.name &&
    c.image === (spec.image ?? '') &&
    c.pullPolicy === pullPolicyOf(spec) &&
    c.state === 'running' &&
    c.id !== undefined &&
    c.startedAtMs !== undefined &&
    c.imagePulled === true &&
    c.starting !== true &&
    c.restarting !== true &&
    c.restartCount === undefined &&
    c.terminated === undefined &&
    c.lastTerminated === undefined &&
    c.waiting === undefined &&
    c.probes === undefined
  )
}

/** The frozen record, its fields always in this order (one shape for V8, one for checkpoints). */
function settledPod(
  pod: Pod,
  from: Omit<SettledPod, 'pod' | 'reportedStatus'>,
  reportedStatus: unknown,
): SettledPod {
  const own = reportedStatus !== pod.status || pod.status === undefined
  return Object.freeze({
    pod,
    podIp: from.podIp,
    startTimeMs: from.startTimeMs,
    ids: from.ids,
    startedAtMs: from.startedAtMs,
    files: from.files,
    ...(own ? { reportedStatus: Object.freeze(reportedStatus) } : {}),
    nullProbeTimes: from.nullProbeTimes,
  })
}

/** The settled form of `worker`, or undefined when it holds more than a SettledPod says. */
export function settledFormOf(worker: PodWorker): SettledPod | undefined {
  const specs = worker.pod.spec?.containers ?? []
  const cs = worker.containers
  if (worker.stage !== 'running' || cs.length === 0 || cs.length !== specs.length) return undefined
  if (worker.containerIndex !== cs.length || worker.fetches !== undefined) return undefined
  if (worker.fetched !== undefined || worker.volumeAttempt !== undefined) return undefined
  const [namespace, name] = namesOf(worker.pod)
  if (worker.uid !== (worker.pod.metadata?.uid ?? '')) return undefined
  if (worker.namespace !== namespace || worker.name !== name) return undefined
  for (let i = 0; i < cs.length; i++)
    if (!atRest(cs[i] as ContainerProgress, specs[i])) return undefined
  const one = cs.length === 1 ? (cs[0] as ContainerProgress) : undefined
  return settledPod(
    worker.pod,
    {
      podIp: worker.podIp,
      startTimeMs: worker.startTimeMs,
      ids: one ? (one.id as string) : Object.freeze(cs.map((c) => c.id as string)),
      startedAtMs: one
        ? (one.startedAtMs as number)
        : Object.freeze(cs.map((c) => c.startedAtMs as number)),
      files: worker.files,
      nullProbeTimes: worker.nullProbeTimes ?? 0,
    },
    worker.reportedStatus,
  )
}

const nth = <T>(value: T | readonly T[], i: number): T =>
  Array.isArray(value) ? ((value as readonly T[])[i] as T) : (value as T)

/** A Pod's namespace and name as its worker keeps them. */
const namesOf = (pod: Pod): [namespace: string, name: string] => [
  pod.metadata?.namespace ?? 'default',
  pod.metadata?.name ?? '',
]

/** The status a settled Pod last reported. */
export const reportedOfSettled = (settled: SettledPod): unknown =>
  Object.hasOwn(settled, 'reportedStatus') ? settled.reportedStatus : settled.pod.status

/** The worker a settled Pod stands for (a new, mutable one). */
export function expandSettled(settled: SettledPod): PodWorker {
  const pod = settled.pod
  const specs = pod.spec?.containers ?? []
  const [namespace, name] = namesOf(pod)
  const worker: PodWorker = {
    uid: pod.metadata?.uid ?? '',
    namespace,
    name,
    stage: 'running',
    containerIndex: specs.length,
    containers: specs.map((spec, i) => ({
      name: spec.name,
      image: spec.image ?? '',
      pullPolicy: pullPolicyOf(spec),
      state: 'running',
      starting: false,
      imagePulled: true,
      id: nth(settled.ids, i),
      restarting: false,
      startedAtMs: nth(settled.startedAtMs, i),
    })),
    startTimeMs: settled.startTimeMs,
    pod,
    reportedStatus: reportedOfSettled(settled),
    nullProbeTimes: settled.nullProbeTimes,
  }
  if (settled.files !== undefined) worker.files = settled.files
  if (settled.podIp !== undefined) worker.podIp = settled.podIp
  return worker
}

/**
 * `settled` holding `pod` (a newer copy of its Pod) and `reportedStatus`, or undefined when the
 * new copy's containers are not the ones it ran (an image changed: the worker must see it).
 */
export function settledWithPod(
  settled: SettledPod,
  pod: Pod,
  reportedStatus: unknown,
): SettledPod | undefined {
  const before = settled.pod.spec?.containers ?? []
  const after = pod.spec?.containers ?? []
  if (before.length !== after.length) return undefined
  for (let i = 0; i < before.length; i++) {
    const a = before[i] as Container
    const b = after[i] as Container
    if (a.name !== b.name || a.image !== b.image || pullPolicyOf(a) !== pullPolicyOf(b))
      return undefined
  }
  return settledPod(pod, settled, reportedStatus)
}

/**
 * The worker of Pod `uid` as a mutable PodWorker (a settled Pod's expanded in place), marked
 * touched: the handler now running may change it, and `settleTouched` settles it afterwards.
 */
export function workerOf(state: KubeletState, uid: string): PodWorker | undefined {
  const entry = state.workers[uid]
  if (entry === undefined) return undefined
  touch(state, uid)
  if (!isSettled(entry)) return entry
  const worker = expandSettled(entry)
  state.workers[uid] = worker
  return worker
}

/** Marks Pod `uid`'s worker as one the running handler may have changed. */
export function touch(state: KubeletState, uid: string): void {
  const touched = (state.touched ??= [])
  if (!touched.includes(uid)) touched.push(uid)
}

/** After a handler: every touched worker at rest becomes a SettledPod again. */
export function settleTouched(state: KubeletState): void {
  const touched = state.touched
  if (touched === undefined || touched.length === 0) return
  for (const uid of touched) {
    const entry = state.workers[uid]
    if (entry === undefined || isSettled(entry)) continue
    const settled = settledFormOf(entry)
    if (settled) state.workers[uid] = settled
  }
  touched.length = 0
}

/** The uid of the worker of Pod namespace/name, if this kubelet has one (the first, as listed). */
export function uidNamed(
  state: KubeletState,
  namespace: string,
  name: string,
  live?: (worker: PodWorker) => boolean,
): string | undefined {
  for (const uid in state.workers) {
    const entry = state.workers[uid] as WorkerEntry
    const [ns, n] = isSettled(entry) ? namesOf(entry.pod) : [entry.namespace, entry.name]
    if (ns === namespace && n === name && (live === undefined || isSettled(entry) || live(entry)))
      return uid
  }
  return undefined
}

/** A read-only look at an entry as a worker (a settled Pod expanded, not stored back). */
export const viewOf = (entry: WorkerEntry): PodWorker =>
  isSettled(entry) ? expandSettled(entry) : entry
