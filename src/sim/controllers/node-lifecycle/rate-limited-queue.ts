/**
 * RateLimitedTimedQueue with a token-bucket limiter: the node lifecycle controller queues
 * unhealthy nodes per zone and taints them no faster than --node-eviction-rate (0.1 node/s,
 * burst 1), so a zone losing many nodes at once is tainted one node every 10 s.
 * Sources (v1.32): pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go,
 * staging/src/k8s.io/client-go/util/flowcontrol/throttle.go (tokenBucketRateLimiter).
 */

// EvictionRateLimiterBurst = 1 (rate_limited_queue.go, v1.32).
const BURST = 1

export interface TokenBucket {
  /** Tokens per second; 0 means never (NewFakeNeverRateLimiter). */
  qps: number
  tokens: number
  lastMs: number
}

export interface TimedValue {
  value: string
  uid: string
  addedAtMs: number
  processAtMs: number
}

export interface RateLimitedQueue {
  items: TimedValue[]
  /**
   * UniqueQueue's set: a value processed by Try leaves the queue but stays here, so adding it
   * again is a no-op until Remove (a node stays tainted until it is healthy again).
   */
  members: Record<string, true>
  limiter: TokenBucket
}

export function createRateLimitedQueue(qps: number, nowMs: number): RateLimitedQueue {
  return { items: [], members: {}, limiter: { qps, tokens: BURST, lastMs: nowMs } }
}

function refill(limiter: TokenBucket, nowMs: number): void {
  if (limiter.qps <= 0) return
  limiter.tokens = Math.min(BURST, limiter.tokens + ((nowMs - limiter.lastMs) / 1000) * limiter.qps)
  limiter.lastMs = nowMs
}

export function tryAccept(limiter: TokenBucket, nowMs: number): boolean {
  if (limiter.qps <= 0) return false
  refill(limiter, nowMs)
  if (limiter.tokens < 1) return false
  limiter.tokens -= 1
  return true
}

/** SwapLimiter: a new rate; if the old bucket was empty the new one starts empty too. */
export function swapLimiter(queue: RateLimitedQueue, qps: number, nowMs: number): void {
  if (queue.limiter.qps === qps) return
  const wasWaiting = !tryPeek(queue.limiter, nowMs)
  queue.limiter = { qps, tokens: BURST, lastMs: nowMs }
  if (qps > 0 && wasWaiting) queue.limiter.tokens = 0
}

function tryPeek(limiter: TokenBucket, nowMs: number): boolean {
  refill(limiter, nowMs)
  return limiter.qps > 0 && limiter.tokens >= 1
}

/** Add: false when the value is already queued. */
export function addValue(
  queue: RateLimitedQueue,
  value: string,
  uid: string,
  nowMs: number,
): boolean {
  if (queue.items.some((i) => i.value === value)) return false
  queue.items.push({ value, uid, addedAtMs: nowMs, processAtMs: nowMs })
  queue.items.sort((a, b) => a.processAtMs - b.processAtMs)
  return true
}

export function removeValue(queue: RateLimitedQueue, value: string): boolean {
  if (!queue.members[value]) return false
  delete queue.members[value]
  queue.items = queue.items.filter((i) => i.value !== value)
  return true
}

/**
 * Try: hand each due value to `fn` while the limiter allows; `fn` returns true when done, or
 * false plus a delay to retry later.
 */
export function tryQueue(
  queue: RateLimitedQueue,
  nowMs: number,
  fn: (value: TimedValue) => { done: boolean; retryMs?: number },
): void {
  for (;;) {
    const head = queue.items[0]
    if (!head || head.processAtMs > nowMs) return
    if (!tryAccept(queue.limiter, nowMs)) return
    queue.items.shift()
    const result = fn(head)
    if (!result.done) {
      head.processAtMs = nowMs + (result.retryMs ?? 0)
      queue.items.push(head)
      queue.items.sort((a, b) => a.processAtMs - b.processAtMs)
    }
  }
}
