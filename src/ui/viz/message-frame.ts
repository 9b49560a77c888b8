import type { MessageRecord } from '../../protocol/records'
import { pointAlong, routeBetween } from './cluster-layout'
import type { Box, ClusterLayout } from './layout-types'
import {
  linkKey,
  placeMessageLabels,
  shortLabel,
  type LabelObstacles,
  type LabelRequest,
  type PlacedLabel,
} from './message-labels'
import { isPeerMessage, quorumActivity } from './quorum-pulse'
import { tripFraction, type Motion } from './motion'

export interface PositionedMessage {
  message: MessageRecord
  x: number
  y: number
}

/** What the messages layer draws at one instant. */
export interface MessageFrame {
  dots: PositionedMessage[]
  labels: PlacedLabel[]
  /** The etcd group, when its members replicate or elect (drawn as one pulse). */
  pulse?: Box
}

/**
 * The messages in flight at virtual time `nowMs`, each at the fraction of its route that time
 * has covered, and their labels: the flow's messages (every message with expert detail), newest
 * first, at most one per link. Raft's own messages become one pulse on the etcd group unless
 * `expert`. Pure.
 */
export function messageFrame(
  layout: ClusterLayout,
  obstacles: LabelObstacles,
  inFlight: readonly MessageRecord[],
  nowMs: number,
  expert: boolean,
  motion: Motion = 'glide',
): MessageFrame {
  const dots: PositionedMessage[] = []
  for (const message of inFlight) {
    if (message.deliverAtMs <= nowMs || message.sentAtMs > nowMs) continue
    if (!expert && isPeerMessage(message)) continue
    const route = routeBetween(layout, message.from, message.to)
    if (!route) continue
    const t = (nowMs - message.sentAtMs) / Math.max(1, message.deliverAtMs - message.sentAtMs)
    const [x, y] = pointAlong(route, tripFraction(t, motion))
    dots.push({ message, x, y })
  }
  const activity = expert ? undefined : quorumActivity(inFlight, nowMs)
  const group = layout.hosts.find((h) => h.kind === 'etcd')
  const requests: LabelRequest[] = []
  if (activity && group)
    requests.push({
      id: -1,
      x: group.x + group.width / 2,
      y: group.y + group.height + 2,
      text: activity,
      link: 'etcd-quorum',
    })
  for (const d of [...dots].sort((a, b) => b.message.id - a.message.id)) {
    if (!expert && d.message.step === undefined) continue
    const prefix = d.message.step === undefined ? '' : `${String(d.message.step)} · `
    requests.push({
      id: d.message.id,
      x: d.x,
      y: d.y,
      text: `${prefix}${shortLabel(d.message.label)}`,
      link: linkKey(d.message.from, d.message.to),
    })
  }
  const labels = placeMessageLabels(obstacles, requests)
  return activity && group ? { dots, labels, pulse: group } : { dots, labels }
}
