/**
 * client-go's flowcontrol.Backoff, as the kubelet uses it for container restarts and image
 * pulls: a per-key delay that starts at `initialMs`, doubles on every `next`, is capped at
 * `maxMs`, and is forgotten once 2 × max passes without an update (hasExpired). The kubelet
 * creates both with no jitter (maxJitterFactor 0). Plain data, so a checkpoint copies it.
 * Source: staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (v0.32.4)
 */
export interface BackoffEntry {
  backoffMs: number
  lastUpdateMs: number
}

export interface BackoffState {
  initialMs: number
  maxMs: number
  entries: Record<string, BackoffEntry>
}

// containerBackOffPeriod = 10 s, MaxContainerBackOff = 300 s: pkg/kubelet/kubelet.go (v1.32)
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000
export const CONTAINER_BACKOFF_MAX_MS = 300_000
// imageBackOffPeriod = 10 s, MaxImageBackOff = 300 s: pkg/kubelet/kubelet.go (v1.32)
export const IMAGE_BACKOFF_INITIAL_MS = 10_000
export const IMAGE_BACKOFF_MAX_MS = 300_000

export function createBackoff(initialMs: number, maxMs: number): BackoffState {
  return { initialMs, maxMs, entries: {} }
}

/** hasExpired: stable once it has been fine for twice the maximum delay. */
function hasExpired(state: BackoffState, eventTimeMs: number, lastUpdateMs: number): boolean {
  return eventTimeMs - lastUpdateMs > state.maxMs * 2
}

/** Get: the current delay for `key`, 0 when there is none. */
export function backoffGet(state: BackoffState, key: string): number {
  return state.entries[key]?.backoffMs ?? 0
}

/** Next: start at the initial delay (or after expiry), else double up to the maximum. */
export function backoffNext(
  state: BackoffState,
  key: string,
  eventTimeMs: number,
  nowMs: number,
): void {
  const entry = state.entries[key]
  if (!entry || hasExpired(state, eventTimeMs, entry.lastUpdateMs)) {
    state.entries[key] = { backoffMs: state.initialMs, lastUpdateMs: nowMs }
    return
  }
  entry.backoffMs = Math.min(entry.backoffMs * 2, state.maxMs)
  entry.lastUpdateMs = nowMs
}

/** IsInBackOffSince: less than the current delay has passed since `eventTimeMs` (FinishedAt). */
export function isInBackOffSince(
  state: BackoffState,
  key: string,
  eventTimeMs: number,
  nowMs: number,
): boolean {
  const entry = state.entries[key]
  if (!entry || hasExpired(state, eventTimeMs, entry.lastUpdateMs)) return false
  return nowMs - eventTimeMs < entry.backoffMs
}

/** IsInBackOffSinceUpdate: less than the current delay has passed since the last `next`. */
export function isInBackOffSinceUpdate(state: BackoffState, key: string, nowMs: number): boolean {
  const entry = state.entries[key]
  if (!entry || hasExpired(state, nowMs, entry.lastUpdateMs)) return false
  return nowMs - entry.lastUpdateMs < entry.backoffMs
}

/** When the entry's current window (measured from `sinceMs`) ends. */
export function backoffEndsAt(state: BackoffState, key: string, sinceMs: number): number {
  return sinceMs + backoffGet(state, key)
}

/** GC: drop entries that have expired (the kubelet runs this from its housekeeping). */
export function backoffGc(state: BackoffState, nowMs: number): void {
  for (const [key, entry] of Object.entries(state.entries))
    if (hasExpired(state, nowMs, entry.lastUpdateMs)) delete state.entries[key]
}

/** Go's time.Duration String() for whole seconds ≥ 1: "10s", "1m20s", "5m0s". */
export function goDurationSeconds(ms: number): string {
  const total = Math.round(ms / 1000)
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`
}
