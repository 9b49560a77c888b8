import type { ComponentKind } from './actor'

/**
 * What happens to a component whose handler throws: it is a process that panicked. Control-plane
 * components and kube-proxy run as pods, so the kubelet restarts them with CrashLoopBackOff; the
 * kubelet and containerd run under systemd, which restarts them after RestartSec; kubectl is a
 * command that exits (the next command is a new process). The record is plain data in the kernel
 * state, so crashes, back-off and restarts replay exactly after a seek.
 */
export interface CrashRecord {
  /** Restarts so far (the RESTARTS a `kubectl get pod` would show for a static pod). */
  restarts: number
  lastCrashMs: number
  /** The back-off the next crash waits (0: restart at the kubelet's next relist). */
  backoffMs: number
}

// The kubelet notices a dead container at its next PLEG relist: genericPlegRelistPeriod = 1 s
// (pkg/kubelet/kubelet.go, v1.32); the first restart has no back-off.
const PLEG_RELIST_MS = 1_000
// CrashLoopBackOff: backOffPeriod = 10 s doubling to MaxContainerBackOff = 300 s
// (pkg/kubelet/kubelet.go, v1.32); an entry is forgotten after 2 × the maximum without a crash
// (hasExpired, client-go/util/flowcontrol/backoff.go).
const BACKOFF_INITIAL_MS = 10_000
const BACKOFF_MAX_MS = 300_000
const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS
// systemd units: kubelet.service RestartSec=10 (kubernetes/release packaging, kubeadm),
// containerd.service RestartSec=5 (containerd v1.7 containerd.service).
const SYSTEMD_RESTART_MS: Partial<Record<ComponentKind, number>> = {
  kubelet: 10_000,
  'container-runtime': 5_000,
}

/** Who restarts a component, in words for the narration. */
export function restarterOf(kind: ComponentKind): string {
  if (kind === 'kubectl') return 'the next command'
  return SYSTEMD_RESTART_MS[kind] !== undefined ? 'systemd' : 'the kubelet'
}

/** Records a crash at `nowMs`; returns the new record and how long until the process runs again. */
export function recordCrash(
  record: CrashRecord | undefined,
  kind: ComponentKind,
  nowMs: number,
): { record: CrashRecord; delayMs: number } {
  const fresh = !record || nowMs - record.lastCrashMs > BACKOFF_RESET_MS
  const pending = fresh ? 0 : record.backoffMs
  const systemd = SYSTEMD_RESTART_MS[kind]
  const restarts = (record?.restarts ?? 0) + 1
  if (kind === 'kubectl')
    return { record: { restarts, lastCrashMs: nowMs, backoffMs: 0 }, delayMs: 0 }
  if (systemd !== undefined)
    return { record: { restarts, lastCrashMs: nowMs, backoffMs: 0 }, delayMs: systemd }
  const backoffMs = pending === 0 ? BACKOFF_INITIAL_MS : Math.min(BACKOFF_MAX_MS, pending * 2)
  return {
    record: { restarts, lastCrashMs: nowMs, backoffMs },
    delayMs: pending === 0 ? PLEG_RELIST_MS : pending,
  }
}

/** "TypeError: x is not iterable": how a thrown value reads in the trace. */
export function crashText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
