/**
 * EventSourceObjectSpamFilter (client-go tools/record/events_cache.go, v0.32.4): a token bucket
 * per spam key (getSpamKey: source component and host, the involved object's kind, namespace,
 * name, uid and apiVersion, and the event's type; not its reason nor its message). An event
 * that finds its bucket empty is skipped: not written at all. The bucket is
 * flowcontrol.NewTokenBucketPassiveRateLimiterWithClock(defaultSpamQPS, defaultSpamBurst), a
 * golang.org/x/time/rate Limiter (v0.7.0, client-go v0.32.4's go.mod) asked with AllowN(now, 1).
 */
import {
  addEntry,
  groupOf,
  slotOf,
  touch,
  type EventCorrelatorState,
  type EventGroup,
} from './event-cache'

// defaultSpamBurst = 25, defaultSpamQPS = 1/300 (one event every 5 minutes): events_cache.go
// (v0.32.4). The QPS is a float32 there (CorrelatorOptions.QPS), widened to rate.Limit
// (float64): 1/300 as float32 is 0.0033333334, a little more than 1/300.
export const SPAM_BURST = 25
export const SPAM_QPS = Math.fround(1 / 300)

// An entry's values: the bucket's tokens and the time it last gave one (Limiter.tokens, .last).
const TOKENS = 2
const LAST_MS = 3

/** time.Duration.Seconds(): whole seconds plus the nanoseconds left over, as Go computes it. */
function goSeconds(ms: number): number {
  const whole = Math.trunc(ms / 1000)
  return whole + ((ms - whole * 1000) * 1_000_000) / 1e9
}

/**
 * Limiter.reserveN(now, 1, 0): tokens refilled for the time since the last grant (capped at the
 * burst), one taken; granted when none is missing or the wait for the missing part rounds down
 * to 0 ns (durationFromTokens truncates to a whole Duration). Returns the tokens left, or
 * undefined when refused (a refusal changes nothing).
 */
export function tryAccept(tokens: number, lastMs: number, nowMs: number): number | undefined {
  const elapsedMs = Math.max(0, nowMs - lastMs)
  const refilled = Math.min(SPAM_BURST, tokens + goSeconds(elapsedMs) * SPAM_QPS)
  const left = refilled - 1
  if (left >= 0) return left
  const waitNs = Math.trunc(1e9 * (-left / SPAM_QPS))
  return waitNs <= 0 ? left : undefined
}

/**
 * Filter: true when the event must be skipped. A new key's bucket starts full (rate.NewLimiter
 * gives it the burst). Either way the key becomes its cache's most recently used (Get, Add).
 */
export function spamFiltered(
  state: EventCorrelatorState,
  uid: string,
  name: string,
  spamTail: string,
  nowMs: number,
): boolean {
  const group: EventGroup | undefined = groupOf(state, uid, name)
  const slot = slotOf(group, spamTail)
  if (group === undefined || slot < 0) {
    addEntry(state, uid, name, spamTail, SPAM_BURST - 1, nowMs, 0)
    return false
  }
  touch(state, group, slot)
  const left = tryAccept(group[slot + TOKENS] as number, group[slot + LAST_MS] as number, nowMs)
  if (left === undefined) return true
  group[slot + TOKENS] = left
  group[slot + LAST_MS] = nowMs
  return false
}
