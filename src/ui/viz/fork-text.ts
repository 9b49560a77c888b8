import type { ForkNotice } from '../../protocol/messages'
import { formatSimTime } from './age'

/**
 * "History forked at 5.440 s: 1 later action discarded — kubectl apply -f - (Pod web) at
 * 12.301 s." The actions are named as the timeline names them, each with its time.
 */
export function forkText(fork: ForkNotice): string {
  const at = `History forked at ${formatSimTime(fork.atMs)}`
  const n = fork.discarded.length
  if (n === 0)
    return `${at}: what had happened after it (up to ${formatSimTime(fork.horizonMs)}) was replaced; no action of yours was discarded.`
  const list = fork.discarded.map((d) => `${d.summary} at ${formatSimTime(d.atMs)}`).join('; ')
  return `${at}: ${String(n)} later action${n === 1 ? '' : 's'} discarded — ${list}.`
}
