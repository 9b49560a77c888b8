import type { NarrationRecord } from '../../protocol/records'
import type { RecordedAction } from '../../sim/index'

export type MarkKind = 'node' | 'taint' | 'evict' | 'leader' | 'action'

/** One mark on the timeline: when, what kind, and the words for its tooltip. */
export interface TimelineMark {
  atMs: number
  kind: MarkKind
  text: string
}

// Actions worth a mark: components and nodes stopping and starting.
const ACTION_TEXT: Partial<Record<RecordedAction['action']['type'], string>> = {
  stopComponent: 'stopped',
  startComponent: 'started',
  stopNode: 'powered off',
  startNode: 'powered on',
}

function narrationKind(text: string): MarkKind {
  if (text.startsWith('taint eviction: '))
    return text.endsWith('evicting it now') ? 'evict' : 'taint'
  if (text.startsWith('node controller: ') && /taint/i.test(text)) return 'taint'
  if (/holds the Lease|leaderelection lost/.test(text)) return 'leader'
  return 'node'
}

/**
 * The timeline's marks: node failures, taints and evictions, leader changes (from narration)
 * and the components or nodes you stopped and started (from the action log). Pure.
 */
export function timelineMarks(
  marks: readonly NarrationRecord[],
  actions: readonly RecordedAction[],
): TimelineMark[] {
  const out: TimelineMark[] = marks
    .filter((m) => !/ powered (off|on)/.test(m.text))
    .map((m) => ({ atMs: m.atMs, kind: narrationKind(m.text), text: m.text }))
  for (const { atMs, action } of actions) {
    const verb = ACTION_TEXT[action.type]
    if (verb === undefined) continue
    const target = 'id' in action ? action.id : 'node' in action ? action.node : ''
    out.push({ atMs, kind: 'action', text: `${target} ${verb}` })
  }
  return out.sort((a, b) => a.atMs - b.atMs)
}
