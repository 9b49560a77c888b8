/**
 * EventAggregator with EventAggregatorByReasonFunc and EventAggregatorByReasonMessageFunc
 * (client-go tools/record/events_cache.go, v0.32.4). Events alike but for their message (same
 * source, involved object, type, reason, reporting controller and instance: the aggregate key;
 * the message is the local key) are counted per aggregate key; from the 10th different message
 * within 10 minutes of the previous alike event on, each is recorded as one aggregate Event,
 * "(combined from similar events): <message>", counted by the eventLogger under the aggregate
 * key: `kubectl get events` then shows one line whose count grows instead of a new Event each.
 */
import {
  addEntry,
  groupOf,
  interned,
  slotOf,
  touch,
  type EventCorrelatorState,
} from './event-cache'

// defaultAggregateMaxEvents = 10, defaultAggregateIntervalInSeconds = 600: events_cache.go
// (v0.32.4), "if we see the same event that varies only by message more than 10 times in a 10
// minute period, aggregate the event".
export const AGGREGATE_MAX_EVENTS = 10
export const AGGREGATE_INTERVAL_MS = 600 * 1000

// EventAggregatorByReasonMessageFunc's prefix (events_cache.go, v0.32.4).
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): '

// An entry's values: when an alike event was last seen (aggregateRecord.lastTimestamp) and the
// local keys seen (aggregateRecord.localKeys): one message as a string, more as an array.
const LAST_MS = 2
const MESSAGES = 3

/**
 * EventAggregate: true when the event is to be recorded as the aggregate one. The record starts
 * again when the last alike event is more than 10 minutes old (interval > maxInterval). Once
 * the 10th local key is in, one is popped (localKeys.PopAny: Go's map order picks any; here the
 * oldest, a deterministic choice among those Go might make), so the set stays at 9 and every
 * further new message aggregates too, while one already in the set does not.
 */
export function aggregates(
  state: EventCorrelatorState,
  uid: string,
  name: string,
  aggregateTail: string,
  message: string,
  nowMs: number,
): boolean {
  const group = groupOf(state, uid, name)
  const slot = slotOf(group, aggregateTail)
  const local = interned(message, message)
  if (group === undefined || slot < 0) {
    addEntry(state, uid, name, aggregateTail, nowMs, local, 0)
    return false
  }
  touch(state, group, slot)
  const fresh = nowMs - (group[slot + LAST_MS] as number) > AGGREGATE_INTERVAL_MS
  group[slot + LAST_MS] = nowMs
  const seen = group[slot + MESSAGES] as string | string[]
  if (fresh) {
    group[slot + MESSAGES] = local
    return false
  }
  if (seen === local) return false
  if (typeof seen === 'string') {
    group[slot + MESSAGES] = [seen, local]
    return false
  }
  if (seen.includes(local)) return false
  if (seen.length + 1 < AGGREGATE_MAX_EVENTS) {
    group[slot + MESSAGES] = seen.concat(local)
    return false
  }
  // The 10th: aggregate, and keep 9 (the oldest popped).
  group[slot + MESSAGES] = seen.slice(1).concat(local)
  return true
}
