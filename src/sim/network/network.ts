import { nextFloat, nextInt, type RngState } from '../core/rng'
import type { Placement } from './types'

/**
 * The simulated network: per-link latency, FIFO delivery per link (messages on one TCP
 * connection or HTTP/2 stream are never reordered), and partitions that silently drop what
 * crosses them. Plain data, so checkpoints copy it.
 */
export interface NetworkState {
  placements: Record<string, { placement: Placement; host: string }>
  /**
   * Last scheduled delivery time per link, by sender then receiver, to keep each link FIFO.
   * Nested rather than keyed by "from>to": a lookup by two ids builds no string per message.
   */
  lastDeliveryMs: Record<string, Record<string, number>>
  /** Pairs of components that cannot reach each other, as "a|b" with a < b. */
  blockedPairs: Record<string, true>
  /** Extra one-way latency added to one component's links (a slow disk or NIC). */
  extraLatencyMs: Record<string, number>
  /** Fraction of messages lost on a link, by "a|b" pair (both directions). */
  lossRates: Record<string, number>
  /** Messages a user dropped by clicking them in flight, by message id. */
  droppedMessages: Record<number, true>
  /** Machines that are powered off: nothing on them answers, not even their TCP stack. */
  downHosts?: Record<string, true>
}

export function createNetwork(): NetworkState {
  return {
    placements: {},
    lastDeliveryMs: {},
    blockedPairs: {},
    extraLatencyMs: {},
    lossRates: {},
    droppedMessages: {},
    downHosts: {},
  }
}

/** Whether the machine a component runs on is powered off. */
export function isHostDown(network: NetworkState, host: string): boolean {
  return network.downHosts?.[host] === true
}

export function setHostDown(network: NetworkState, host: string, down: boolean): void {
  network.downHosts ??= {}
  if (down) network.downHosts[host] = true
  else delete network.downHosts[host]
}

export function placeComponent(
  network: NetworkState,
  id: string,
  placement: Placement,
  host: string,
): void {
  // Replaced, never changed: frozen, so checkpoints share it (three components on every node).
  network.placements[id] = Object.freeze({ placement, host })
}

// Base one-way latencies in ms. A unix socket on the same host is sub-millisecond; a datacentre
// LAN hop is well under a millisecond but TLS, HTTP/2 framing and the kernel add about 1 ms;
// kubectl runs on a laptop outside the cluster, tens of ms away.
const SAME_HOST_MS = 1
const LAN_MS = 2
const CLIENT_MS = 15
const JITTER_MS = 2

/** One-way base latency between two components from their placement. */
export function baseLatencyMs(network: NetworkState, from: string, to: string): number {
  const a = network.placements[from]
  const b = network.placements[to]
  if (!a || !b) return LAN_MS
  if (a.placement === 'client' || b.placement === 'client') return CLIENT_MS
  if (a.host === b.host) return SAME_HOST_MS
  return LAN_MS
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** Whether a record has no keys; every message asks it of the (nearly always empty) fault tables. */
function isEmpty(record: object): boolean {
  for (const _ in record) return false
  return true
}

export function canReach(network: NetworkState, from: string, to: string): boolean {
  if (isEmpty(network.blockedPairs)) return true
  return network.blockedPairs[pairKey(from, to)] !== true
}

/** Cuts or heals the link between two components (both directions). */
export function setLinkBlocked(
  network: NetworkState,
  a: string,
  b: string,
  blocked: boolean,
): void {
  const key = pairKey(a, b)
  if (blocked) network.blockedPairs[key] = true
  else delete network.blockedPairs[key]
}

/** Whether a link is cut, and what fraction of its messages is lost. */
export function linkStatus(
  network: NetworkState,
  a: string,
  b: string,
): { blocked: boolean; loss: number } {
  const key = pairKey(a, b)
  return { blocked: network.blockedPairs[key] === true, loss: network.lossRates[key] ?? 0 }
}

/** Sets the fraction of messages lost on the link between two components (0 heals it). */
export function setLinkLoss(network: NetworkState, a: string, b: string, fraction: number): void {
  const key = pairKey(a, b)
  if (fraction > 0) network.lossRates[key] = Math.min(1, fraction)
  else delete network.lossRates[key]
}

/**
 * Whether a message sent now on this link is lost. The PRNG is drawn only on lossy links, so a
 * run without loss draws exactly as before.
 */
export function isLost(network: NetworkState, rng: RngState, from: string, to: string): boolean {
  if (isEmpty(network.lossRates)) return false
  const rate = network.lossRates[pairKey(from, to)]
  if (rate === undefined) return false
  return nextFloat(rng) < rate
}

/** When a message sent now should arrive; keeps the link FIFO. */
export function scheduleDelivery(
  network: NetworkState,
  rng: RngState,
  from: string,
  to: string,
  departMs: number,
): number {
  let latency = baseLatencyMs(network, from, to) + nextInt(rng, JITTER_MS)
  if (!isEmpty(network.extraLatencyMs))
    latency += (network.extraLatencyMs[from] ?? 0) + (network.extraLatencyMs[to] ?? 0)
  const links = (network.lastDeliveryMs[from] ??= {})
  const arrival = Math.max(departMs + latency, links[to] ?? 0)
  links[to] = arrival
  return arrival
}
