import { describe, expect, it } from 'vitest'
import {
  emptyLessonProgress,
  migrateProgress,
  PROGRESS_KEY,
  readProgress,
  UNREADABLE_KEY,
  writeProgress,
  type Progress,
} from './progress'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      data.set(k, v)
    },
  }
}

const session = {
  stepIndex: 2,
  starts: [
    { atMs: 3000, traceLength: 270, etcdTerm: 1, etcdLeader: 'etcd-2', actionCount: 0 },
    { atMs: 5484, traceLength: 520, etcdTerm: 1, etcdLeader: 'etcd-2', actionCount: 1 },
    { atMs: 6200, traceLength: 610, etcdTerm: 1, etcdLeader: 'etcd-2', actionCount: 2 },
  ],
  actions: [
    {
      atMs: 3000,
      action: { type: 'runKubectl', commandId: 'ui-1', command: 'apply -f -', stdin: 'kind: Pod' },
    },
    { atMs: 5484, action: { type: 'stopComponent', id: 'etcd-3' } },
  ],
  simTimeMs: 7000,
  reached: [{ id: 'deleted', atMs: 6900 }],
}

describe('lesson progress in localStorage', () => {
  it('saves and restores a session exactly', () => {
    const storage = memoryStorage()
    const progress: Progress = {
      version: 2,
      lessons: {
        'self-healing': {
          ...emptyLessonProgress('abc123'),
          step: 2,
          answers: { '1': 1 },
          hints: { '2': 1 },
          session,
        },
      },
    }
    expect(writeProgress(storage, progress)).toBe(true)
    expect(readProgress(storage)).toEqual({ progress })
  })

  it('migrates version 1 (done lessons and steps) to version 2', () => {
    const v1 = { version: 1, done: ['etcd'], steps: { etcd: 3, scheduler: 1 } }
    expect(migrateProgress(v1)).toEqual({
      version: 2,
      lessons: {
        etcd: { fingerprint: '', step: 3, completed: true, answers: {}, hints: {}, quiz: {} },
        scheduler: { fingerprint: '', step: 1, completed: false, answers: {}, hints: {}, quiz: {} },
      },
    })
    const storage = memoryStorage({ [PROGRESS_KEY]: JSON.stringify(v1) })
    expect(readProgress(storage).progress.lessons['etcd']?.completed).toBe(true)
  })

  it('keeps unreadable data aside and says so, rather than overwriting it', () => {
    const storage = memoryStorage({
      [PROGRESS_KEY]: '{"version":2,"lessons":{"x":{"step":"two"}}}',
    })
    const read = readProgress(storage)
    expect(read.progress).toEqual({ version: 2, lessons: {} })
    expect(read.warning).toBe(
      `Saved lesson progress could not be read (it is not progress this app can read); starting afresh. The old data is kept under ${UNREADABLE_KEY}.`,
    )
    expect(storage.data.get(UNREADABLE_KEY)).toBe('{"version":2,"lessons":{"x":{"step":"two"}}}')
  })

  it('does not read progress from a newer app as garbage', () => {
    expect(migrateProgress({ version: 9, lessons: {} })).toEqual({
      error: 'saved by a newer version of the app (progress version 9)',
    })
  })

  it('starts empty with nothing saved, and survives a storage that throws', () => {
    expect(readProgress(memoryStorage())).toEqual({ progress: { version: 2, lessons: {} } })
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(readProgress(broken).warning).toBe('Progress cannot be saved in this browser.')
    expect(writeProgress(broken, { version: 2, lessons: {} })).toBe(false)
  })
})
