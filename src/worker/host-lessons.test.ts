import { describe, expect, it } from 'vitest'
import type { Frame } from '../protocol/messages'
import { makeHost } from './testing/fake-host'

const lessonOf = (frames: Frame[]) => frames.flatMap((f) => (f.lesson ? [f.lesson] : [])).at(-1)

describe('SimHost with a lesson', () => {
  it('sends the catalog: every bundled lesson, in the course sections', () => {
    const { send, posted } = makeHost()
    send({ type: 'catalog' })
    const message = posted.find((m) => m.type === 'catalog')
    if (message?.type !== 'catalog') throw new Error('no catalog')
    expect(message.catalog.sections.map((s) => s.id)).toContain('split-brain')
    const ids = message.catalog.entries.map((e) => (e.ok ? e.lesson.id : e.id))
    expect(ids).toContain('request-flow')
    expect(message.catalog.entries.every((e) => e.ok)).toBe(true)
  })

  it('opens a lesson, streams its goals, and pauses the instant a step asks to', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'lessonOpen', lessonId: 'request-flow', step: 0 })
    let status = lessonOf(frames())
    expect(status).toMatchObject({ lessonId: 'request-flow', stepIndex: 0, pausedBy: 'prediction' })
    expect(frames().at(-1)?.playing).toBe(false)
    send({ type: 'play' })
    send({ type: 'lesson', command: { type: 'showMe' } })
    runWall(20_000)
    status = lessonOf(frames())
    expect(status?.goals[0]?.met).toBe(true)
    expect(status?.pausedBy).toBe('goals')
    const last = frames().at(-1)
    expect(last?.playing).toBe(false)
    // Paused exactly when kubectl's POST arrived.
    expect(last?.simTimeMs).toBe(status?.goals[0]?.atMs)
  })

  it('goes to the next step, then resets it back to where it began', () => {
    const { send, frames, runWall } = makeHost()
    send({ type: 'lessonOpen', lessonId: 'self-healing', step: 1 })
    const start = lessonOf(frames())?.starts[1]
    send({ type: 'play' })
    send({ type: 'lesson', command: { type: 'showMe' } })
    runWall(3_000)
    expect(frames().at(-1)?.simTimeMs).toBeGreaterThan(start?.atMs ?? 0)
    send({ type: 'lesson', command: { type: 'resetStep' } })
    const reset = frames().at(-1)
    expect(reset?.simTimeMs).toBe(start?.atMs)
    expect(reset?.reset).toBeDefined()
    expect(reset?.actions).toHaveLength(start?.actionCount ?? -1)
    send({ type: 'lesson', command: { type: 'goto', step: 2 } })
    expect(lessonOf(frames())?.stepIndex).toBe(2)
  })

  it('refuses a lesson that does not exist with a clear error, and keeps running', () => {
    const { send, posted } = makeHost()
    send({ type: 'load', options: { seed: 1 }, bootMs: 3000 })
    send({ type: 'lessonOpen', lessonId: 'no-such-lesson', step: 0 })
    expect(posted.at(-1)).toMatchObject({
      type: 'error',
      message: 'There is no lesson "no-such-lesson"',
      fatal: false,
    })
  })

  it('closing the lesson tells the page once (lesson: null)', () => {
    const { send, frames } = makeHost()
    send({ type: 'lessonOpen', lessonId: 'managed', step: 0 })
    send({ type: 'lesson', command: { type: 'close' } })
    send({ type: 'pause' })
    const marks = frames().map((f) => f.lesson === null)
    expect(marks.filter(Boolean)).toHaveLength(1)
  })

  it('resumes a lesson by replaying its actions, reporting each first as crash recovery expects', () => {
    const first = makeHost()
    first.send({ type: 'lessonOpen', lessonId: 'self-healing', step: 1 })
    first.send({ type: 'play' })
    first.send({ type: 'lesson', command: { type: 'showMe' } })
    first.runWall(3_000)
    const frames = first.frames()
    const status = lessonOf(frames)
    const actions = frames.flatMap((f) => (f.actions ? [f.actions] : [])).at(-1) ?? []
    expect(actions.length).toBeGreaterThan(0)
    if (!status) throw new Error('no lesson status')
    const resume = {
      stepIndex: status.stepIndex,
      starts: status.starts,
      actions,
      simTimeMs: frames.at(-1)?.simTimeMs ?? 0,
      reached: [],
    }
    const second = makeHost()
    second.send({ type: 'lessonOpen', lessonId: 'self-healing', step: 1, resume })
    const progress = second.posted.filter((m) => m.type !== 'frame').map((m) => m.type)
    expect(progress).toEqual([...actions.map(() => 'replaying'), 'replayed'])
    expect(second.frames().at(-1)?.simTimeMs).toBe(resume.simTimeMs)

    // The same resume in a worker with a fault on the last action dies there, named.
    const third = makeHost()
    const last = actions.at(-1)?.action
    if (last?.type !== 'runKubectl') throw new Error('expected a kubectl action last')
    third.send({ type: 'injectWorkerCrash', actionMatching: last.command })
    expect(() => {
      third.send({ type: 'lessonOpen', lessonId: 'self-healing', step: 1, resume })
    }).toThrow('injected crash while applying')
    expect(third.posted.at(-1)).toMatchObject({ type: 'replaying', index: actions.length - 1 })
  }, 60_000)
})
