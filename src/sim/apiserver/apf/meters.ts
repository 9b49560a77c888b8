/**
 * The API server's load meters: plain counters bumped where the work happens (no scans), read
 * by the headless `loadMeters()` and streamed to the Load tab. They mirror what
 * apiserver_flowcontrol_* and apiserver_watch_cache_* metrics and etcd's request sizes show.
 */
export interface ListCost {
  client: string
  requestId: number
  /** "/api/v1/pods?limit=500". */
  request: string
  /** Where the items came from: an etcd range, or the watch cache's memory. */
  source: 'etcd' | 'watch cache'
  /** The resourceVersion the client asked for: "" (a consistent read), "0" (any), or a number. */
  resourceVersion: string
  items: number
  bytes: number
  /** More pages follow (a continue token was returned). */
  continued: boolean
  seats: number
  arrivedMs: number
  servedMs: number
}

export interface LoadMeters {
  /** Requests that got an answer (any code). */
  requests: number
  /** Value bytes read from etcd by ranges (lists and gets), and by the cache's watch. */
  etcdRangeBytes: number
  etcdWatchBytes: number
  etcdRanges: number
  /** Response bytes written to clients (JSON as encoded), watch events included. */
  bytesSent: number
  /** 429s written. */
  tooManyRequests: number
  /** Stored bytes of the objects the watch cache holds (etcd value sizes). */
  watchCacheBytes: number
  /** The last LISTs served, newest last (at most RECENT_LISTS). */
  recentLists: ListCost[]
  /** The size a list handler already added up for the answer it is about to send. */
  pendingListBytes?: { client: string; requestId: number; bytes: number } | undefined
}

export const RECENT_LISTS = 12

export function createLoadMeters(): LoadMeters {
  return {
    requests: 0,
    etcdRangeBytes: 0,
    etcdWatchBytes: 0,
    etcdRanges: 0,
    bytesSent: 0,
    tooManyRequests: 0,
    watchCacheBytes: 0,
    recentLists: [],
  }
}

export function recordList(meters: LoadMeters, cost: ListCost): void {
  meters.recentLists.push(cost)
  if (meters.recentLists.length > RECENT_LISTS) meters.recentLists.shift()
}

// Encoded sizes of objects, memoised: the cache's objects are shared and never mutated, so a
// LIST of 150,000 Pods adds up sizes it already knows instead of encoding again.
const sizes = new WeakMap<object, number>()

// The size of the answer about to be sent, when its handler knew it (an update's object: the
// text it stored, and its resourceVersion): read back as it is sent, in the same handler run.
// One slot, not the WeakMap: every Lease renewal is answered, and nothing measures it again.
let answer: object | undefined
let answerBytes = 0

export function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return value.length
  if (value === null || typeof value !== 'object') return String(value).length
  if (value === answer) return answerBytes
  const known = sizes.get(value)
  if (known !== undefined) return known
  const size = JSON.stringify(value).length
  sizes.set(value, size)
  return size
}

/** Records the encoded size of `value` when the caller already knows it (jsonBytes then trusts it). */
export function knownJsonBytes(value: object, bytes: number): void {
  sizes.set(value, bytes)
}

/** knownJsonBytes for an answer's body, sent next (a miss only means it is encoded to measure). */
export function knownAnswerBytes(value: object, bytes: number): void {
  answer = value
  answerBytes = bytes
}

/** A response body's size: a list or Table is its items' or rows' sizes plus the envelope. */
export function responseBytes(body: unknown): number {
  if (body !== null && typeof body === 'object') {
    const items = (body as { items?: unknown }).items
    const rows = (body as { rows?: unknown }).rows
    const parts = Array.isArray(items) ? items : Array.isArray(rows) ? rows : undefined
    if (parts) {
      let total = 200
      for (const part of parts) total += jsonBytes(part) + 1
      return total
    }
  }
  return jsonBytes(body)
}
