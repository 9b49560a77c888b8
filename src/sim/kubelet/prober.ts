/**
 * The kubelet's prober: one worker per container probe, ticking every periodSeconds from the
 * moment the Pod was added (the first tick at once). A tick does nothing while the container
 * is not running, before initialDelaySeconds have passed since it started, while a startup
 * probe has not yet succeeded (liveness and readiness wait for it), or after a failure has
 * put it on hold for the next container instance. A result changes after successThreshold
 * successes or failureThreshold failures in a row; every failure is an `Unhealthy` event.
 * Readiness decides the container's `ready` (and so the Pod's Ready condition and its
 * endpoints); a liveness or startup failure kills the container, which is then restarted
 * under the usual back-off.
 * Source: pkg/kubelet/prober/{worker.go,prober.go,prober_manager.go} (v1.32).
 */
import type { Container, Probe } from 'kubernetes-types/core/v1'
import type { ActorContext, TimerBody } from '../runtime/actor'
import type { CriResponse } from '../runtime/messages'
import type { ProbeAction, ProbeType } from '../runtime/workload-messages'
import { containerNamed, podEvent } from './kubelet-events'
import { hasStarted } from './pod-status'
import { cri, patchStatus } from './pod-worker'
import type { ContainerProgress, KubeletState, PodWorker, ProbeProgress } from './state'
import { workerOf } from './settled-pod'

const FIELDS: Record<ProbeType, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> = {
  Liveness: 'livenessProbe',
  Readiness: 'readinessProbe',
  Startup: 'startupProbe',
}

const specOf = (worker: PodWorker, name: string): Container | undefined =>
  worker.pod.spec?.containers.find((c) => c.name === name)

function probeOf(worker: PodWorker, name: string, type: ProbeType): Probe | undefined {
  return specOf(worker, name)?.[FIELDS[type]]
}

// SetDefaults_Probe: period 10 s, thresholds 1 and 3 (pkg/apis/core/v1/defaults.go, v1.32).
// At least a second (validation refuses negatives; this keeps a stored oddity from ticking at
// the same instant forever and freezing the run).
const periodMs = (p: Probe): number => Math.max(1, p.periodSeconds ?? 10) * 1000

/** Resolves a named port ("http") to the container's port number, as the prober does. */
function portNumber(container: Container | undefined, port: number | string): number {
  if (typeof port === 'number') return port
  return container?.ports?.find((p) => p.name === port)?.containerPort ?? -1
}

function actionOf(container: Container | undefined, probe: Probe): ProbeAction {
  if (probe.exec) return { kind: 'exec', command: probe.exec.command ?? [] }
  if (probe.tcpSocket) return { kind: 'tcp', port: portNumber(container, probe.tcpSocket.port) }
  const http = probe.httpGet
  return {
    kind: 'http',
    port: portNumber(container, http?.port ?? 80),
    path: http?.path ?? '/',
    scheme: http?.scheme ?? 'HTTP',
    ...(http?.host !== undefined ? { host: http.host } : {}),
  }
}

function tick(
  ctx: ActorContext,
  worker: PodWorker,
  name: string,
  type: ProbeType,
  delayMs: number,
): void {
  ctx.setTimer(delayMs, { name: 'probe', data: { uid: worker.uid, container: name, type } })
}

/** AddPod: a worker per probe, the first probe at once. */
export function startProbeWorkers(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  for (const c of worker.containers) {
    for (const type of ['Startup', 'Readiness', 'Liveness'] as const) {
      if (!probeOf(worker, c.name, type)) continue
      c.probes ??= {}
      c.probes[type] = { successes: 0, failures: 0, onHold: false }
      tick(ctx, worker, c.name, type, 0)
    }
  }
}

/** A new container instance starts from the initial results: not ready, not yet started. */
function resetFor(c: ContainerProgress, p: ProbeProgress): void {
  if (c.id !== undefined) p.containerId = c.id
  p.successes = 0
  p.failures = 0
  p.onHold = false
  delete p.result
}

/** One probe tick (doProbe). Returns false when the worker should stop. */
function doProbe(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  type: ProbeType,
): void {
  const probe = probeOf(worker, c.name, type)
  const p = c.probes?.[type]
  if (!probe || !p) return
  if (c.state !== 'running' || c.id === undefined) return
  if (p.containerId !== c.id) resetFor(c, p)
  if (p.onHold) return
  // Liveness and readiness wait for the startup probe (prober/worker.go doProbe).
  if (type !== 'Startup' && !hasStarted(c)) return
  if (ctx.nowMs - (c.startedAtMs ?? ctx.nowMs) < (probe.initialDelaySeconds ?? 0) * 1000) return
  const action = actionOf(specOf(worker, c.name), probe)
  cri(
    ctx,
    state,
    worker,
    { call: 'Probe', containerId: c.id, probe: action, probeType: type },
    c.name,
    {
      probeType: type,
    },
  )
}

export function onProbeTimer(ctx: ActorContext, state: KubeletState, timer: TimerBody): boolean {
  if (timer.name !== 'probe') return false
  const { uid, container, type } = timer.data as { uid: string; container: string; type: ProbeType }
  const worker = workerOf(state, uid)
  const c = worker ? containerNamed(worker, container) : undefined
  const probe = worker ? probeOf(worker, container, type) : undefined
  if (!worker || !c || !probe || worker.stage === 'terminating') return true
  tick(ctx, worker, container, type, periodMs(probe))
  doProbe(ctx, state, worker, c, type)
  return true
}

/** Kills a container that failed its liveness or startup probe; it restarts under back-off. */
function kill(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  type: ProbeType,
  probe: Probe,
): void {
  const what = type === 'Liveness' ? 'liveness' : 'startup'
  podEvent(
    ctx,
    state,
    worker,
    'Normal',
    'Killing',
    `Container ${c.name} failed ${what} probe, will be restarted`,
    c,
  )
  const grace =
    probe.terminationGracePeriodSeconds ?? worker.pod.spec?.terminationGracePeriodSeconds ?? 30
  cri(
    ctx,
    state,
    worker,
    { call: 'StopContainer', containerId: c.id ?? '', timeoutSeconds: grace },
    c.name,
  )
}

function setResult(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  type: ProbeType,
  ok: boolean,
): void {
  const p = c.probes?.[type]
  const probe = probeOf(worker, c.name, type)
  if (!p || !probe || p.result === ok) return
  p.result = ok
  if (type === 'Readiness' || (type === 'Startup' && ok)) return patchStatus(ctx, state, worker)
  if (!ok) {
    p.onHold = true
    kill(ctx, state, worker, c, type, probe)
  }
}

/** A probe's answer: count it against the thresholds; every failure is an event. */
export function onProbeResult(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  type: ProbeType,
  response: CriResponse,
): void {
  const p = c.probes?.[type]
  const probe = probeOf(worker, c.name, type)
  if (!p || !probe || p.containerId !== c.id || c.state !== 'running') return
  const success = response.ok && response.result.success === true
  if (success) {
    p.failures = 0
    p.successes++
    if (p.successes >= (probe.successThreshold ?? 1)) setResult(ctx, state, worker, c, type, true)
    return
  }
  p.successes = 0
  p.failures++
  const output = (response.result.text ?? response.error ?? '').trim()
  podEvent(ctx, state, worker, 'Warning', 'Unhealthy', `${type} probe failed: ${output}`, c)
  if (p.failures >= (probe.failureThreshold ?? 3)) setResult(ctx, state, worker, c, type, false)
}
