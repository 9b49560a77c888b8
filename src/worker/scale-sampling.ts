import type { MessageRecord, NarrationRecord } from '../protocol/records'

// Animated messages per frame in scale mode: the page keeps those in flight, a few hundred at
// most; the rest are counted (the view says it samples).
export const MAX_SCALE_MESSAGES_PER_FRAME = 40
// Narration lines per frame and voice in scale mode: at 5,000 nodes every Pod start narrates
// a dozen lines (the API server's watch cache and authentication, the scheduler, the kubelet,
// the ReplicaSet controller), hundreds a frame that nobody can read. Each voice keeps its newest
// few, so a rare one (the node controller, a crash, the student's own action) is never drowned.
export const MAX_SCALE_LINES_PER_VOICE = 3

/** Messages spread evenly over the frame's slice, as many as the page animates. */
export function sampleMessages(messages: MessageRecord[]): MessageRecord[] {
  if (messages.length <= MAX_SCALE_MESSAGES_PER_FRAME) return messages
  const every = messages.length / MAX_SCALE_MESSAGES_PER_FRAME
  return Array.from(
    { length: MAX_SCALE_MESSAGES_PER_FRAME },
    (_, i) => messages[Math.floor(i * every)],
  ).filter((m) => m !== undefined)
}

/** One voice for all instances of a component: kubelet/node-12 and kubelet/node-7 alike. */
const voiceOf = (actor: string): string => actor.replace(/\d+/g, '#')

/** The newest MAX_SCALE_LINES_PER_VOICE lines of each voice, in their order. */
export function sampleNarration(lines: NarrationRecord[]): NarrationRecord[] {
  const perVoice = new Map<string, number>()
  const kept: NarrationRecord[] = []
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as NarrationRecord
    const voice = voiceOf(line.actor)
    const count = perVoice.get(voice) ?? 0
    if (count >= MAX_SCALE_LINES_PER_VOICE) continue
    perVoice.set(voice, count + 1)
    kept.push(line)
  }
  return kept.length === lines.length ? lines : kept.reverse()
}
