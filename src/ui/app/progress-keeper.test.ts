import { describe, expect, it } from 'vitest'
import type { CatalogLesson } from '../../protocol/lesson'
import { PROGRESS_KEY, PROGRESS_VERSION, type Progress } from '../../store/progress'
import { ProgressKeeper } from './progress-keeper'

const session = {
  stepIndex: 1,
  starts: [
    { atMs: 3000, traceLength: 270, etcdTerm: 1, etcdLeader: 'etcd-2', actionCount: 0 },
    { atMs: 5484, traceLength: 520, etcdTerm: 1, etcdLeader: 'etcd-2', actionCount: 1 },
  ],
  actions: [{ atMs: 5484, action: { type: 'stopComponent', id: 'etcd-3' } }],
  simTimeMs: 7000,
  reached: [],
}

function keeperWith(fingerprint: string) {
  const saved: Progress = {
    version: PROGRESS_VERSION,
    lessons: {
      etcd: {
        fingerprint,
        step: 1,
        completed: true,
        answers: { '1': 0 },
        hints: { '1': 2 },
        quiz: {},
        session,
      },
    },
  }
  const data = new Map([[PROGRESS_KEY, JSON.stringify(saved)]])
  return new ProgressKeeper({
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => data.set(k, v),
  })
}

const lesson = { id: 'etcd', fingerprint: 'v2' } as CatalogLesson

describe('where a lesson opens from saved progress', () => {
  it('the same lesson file: the saved step, answers, hints and exact session', () => {
    const place = keeperWith('v2').placeFor(lesson)
    expect(place).toEqual({
      step: 1,
      saved: { answers: { 1: 0 }, hints: { 1: 2 }, quiz: {} },
      session,
    })
  })

  it('a link to another step: that step, without the saved session', () => {
    expect(keeperWith('v2').placeFor(lesson, 2).session).toBeUndefined()
  })

  it('a lesson file edited since: its first step afresh, no old answers or actions replayed', () => {
    expect(keeperWith('v1').placeFor(lesson)).toEqual({
      step: 0,
      saved: { answers: {}, hints: {}, quiz: {} },
    })
  })
})
