import { describe, expect, it } from 'vitest'
import { buildCatalog } from '../catalog'
import { COURSE_TEXT, LESSON_FILES } from '../bundled'
import { LessonSession } from './session'
import type { Lesson } from '../format/load'

const { lessons } = buildCatalog(LESSON_FILES, COURSE_TEXT)
function lesson(id: string): Lesson {
  const found = lessons.get(id)
  if (!found) throw new Error(`no lesson ${id}`)
  return found
}
const podNames = (s: LessonSession) =>
  s.sim
    .snapshot()
    .objects.filter((o) => o.kind === 'Pod')
    .map((o) => o.metadata?.name ?? '')
    .sort()

describe('a lesson session', () => {
  it('starts a step with its goals open, and show me reaches them', () => {
    const s = LessonSession.start(lesson('self-healing'))
    expect(s.stepIndex).toBe(0)
    expect(s.goals.map((g) => g.met)).toEqual([false, false])
    s.showMe()
    s.advanceTo(s.sim.nowMs + 20_000)
    expect(s.goals.map((g) => g.met)).toEqual([true, true])
    expect(s.snapshot().showMe).toEqual({ state: 'done' })
  })

  it('reveals the prediction choice the trace shows', () => {
    const s = LessonSession.start(lesson('self-healing'), 1)
    expect(s.outcome).toBeUndefined()
    s.finishHeadless()
    expect(s.outcome?.choice).toBe(1)
    expect(s.outcome?.why).toMatch(/^The controller's loop compares desired/)
  })

  it('reset step goes back to the step start and forgets what was done since', () => {
    const s = LessonSession.start(lesson('self-healing'), 1)
    const start = s.snapshot().starts[1]
    const before = podNames(s)
    s.finishHeadless()
    expect(podNames(s)).not.toEqual(before)
    s.resetStep()
    expect(s.sim.nowMs).toBe(start?.atMs)
    expect(s.sim.actions).toHaveLength(start?.actionCount ?? -1)
    expect(podNames(s)).toEqual(before)
    expect(s.goals.every((g) => !g.met)).toBe(true)
    expect(s.outcome).toBeUndefined()
    s.advanceTo(s.sim.nowMs + 30_000)
    // Nothing replays the deleted Pod: the history forked at the step's start.
    expect(s.goals[0]?.met).toBe(false)
  })

  it('a deep link to a later step plays the earlier solutions first', () => {
    const s = LessonSession.start(lesson('self-healing'), 2)
    expect(s.stepIndex).toBe(2)
    const running = s.sim
      .snapshot()
      .objects.filter(
        (o) => o.kind === 'Pod' && (o['status'] as { phase?: string }).phase === 'Running',
      )
    expect(running).toHaveLength(3)
    expect(s.snapshot().starts).toHaveLength(3)
  })

  it('goes back to an earlier step by time travel', () => {
    const s = LessonSession.start(lesson('self-healing'), 2)
    const first = s.snapshot().starts[0]
    s.goTo(0)
    expect(s.stepIndex).toBe(0)
    expect(s.sim.nowMs).toBe(first?.atMs)
    expect(podNames(s)).toEqual([])
  })

  it('resumes exactly where a saved session was (same step, same state, same trace)', () => {
    const original = LessonSession.start(lesson('self-healing'), 1)
    original.showMe()
    original.advanceTo(original.sim.nowMs + 1_500)
    const saved = original.snapshot()
    const resumed = LessonSession.resume(lesson('self-healing'), {
      stepIndex: saved.stepIndex,
      starts: saved.starts,
      actions: [...original.sim.actions],
      simTimeMs: original.sim.nowMs,
      reached: saved.goals.filter((g) => g.met).map((g) => ({ id: g.id, atMs: g.atMs ?? 0 })),
      outcome: saved.outcome,
    })
    expect(resumed.stepIndex).toBe(1)
    expect(resumed.sim.nowMs).toBe(original.sim.nowMs)
    expect(JSON.stringify(resumed.sim.trace)).toBe(JSON.stringify(original.sim.trace))
    expect(resumed.snapshot().goals).toEqual(saved.goals)
    original.advanceTo(original.sim.nowMs + 10_000)
    resumed.advanceTo(resumed.sim.nowMs + 10_000)
    expect(resumed.snapshot().goals).toEqual(original.snapshot().goals)
  })

  it('pauses at the instant the last goal is reached when the step asks to', () => {
    const s = LessonSession.start(lesson('request-flow'))
    s.showMe()
    const paused = s.advanceTo(s.sim.nowMs + 10_000)
    expect(paused).toBe(true)
    const reached = s.goals[0]?.atMs
    expect(s.sim.nowMs).toBe(reached)
    const posted = s.sim.trace.find(
      (e) => e.type === 'MessageSent' && e.from === 'kubectl' && e.label.startsWith('POST'),
    )
    expect(posted?.type === 'MessageSent' && posted.deliverAtMs).toBe(reached)
  })

  it('after a seek back, goals reached later are open again', () => {
    const s = LessonSession.start(lesson('self-healing'))
    s.finishHeadless()
    const reached = s.goals[1]?.atMs ?? 0
    s.sim.seekTo(reached - 1)
    s.afterSeek()
    expect(s.goals[0]?.met).toBe(true)
    expect(s.goals[1]?.met).toBe(false)
    s.advanceTo(reached + 5)
    expect(s.goals[1]?.met).toBe(true)
  })

  it('reports a scenario that cannot run, instead of failing silently', () => {
    const base = lesson('self-healing')
    const broken: Lesson = {
      ...base,
      steps: [
        {
          ...(base.steps[0] as Lesson['steps'][number]),
          scenario: [
            { stop: 'etcd leader' },
            { stop: 'etcd leader' },
            { stop: 'etcd leader' },
            { stop: 'etcd leader' },
          ],
        },
      ],
    }
    const s = LessonSession.start(broken)
    expect(s.snapshot().setupError).toBe(
      'stop etcd leader: no running etcd member is a leader right now',
    )
  })
})
