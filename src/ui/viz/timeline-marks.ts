import type { NarrationRecord } from '../../protocol/records'

export type MarkKind = 'node' | 'taint' | 'evict' | 'leader'

/** One mark on the timeline: when, what kind, and the words for its tooltip. */
export interface TimelineMark {
  atMs: number
  kind: MarkKind
  text: string
}

function narrationKind(text: string): MarkKind {
  if (text.startsWith('taint eviction: '))
    return text.endsWith('evicting it now') ? 'evict' : 'taint'
  if (text.startsWith('node controller: ') && /taint/i.test(text)) return 'taint'
  if (/holds the Lease|leaderelection lost/.test(text)) return 'leader'
  return 'node'
}

/**
 * The timeline's marks for what the cluster did on its own: node failures, taints and
 * evictions, leader changes (from narration), oldest first. The actions you took (power a node
 * off, stop a component) are the timeline's action markers, so they are left out here. Pure.
 */
export function timelineMarks(marks: readonly NarrationRecord[]): TimelineMark[] {
  return marks
    .filter((m) => !/ powered (off|on)/.test(m.text))
    .map((m) => ({ atMs: m.atMs, kind: narrationKind(m.text), text: m.text }))
    .sort((a, b) => a.atMs - b.atMs)
}
