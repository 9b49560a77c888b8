import { describe, expect, it } from 'vitest'
import type { AppServices } from '../app/boot'
import { createLessonHub } from '../app/lesson-port'
import { newsEvent, obey } from './use-embed-page'

const envelope = { protocol: 'kube-viz', version: 1 } as const

describe('the embed obeying its host page', () => {
  it('goes to a lesson step through the course, and does nothing where there are no lessons', () => {
    const went: [number, string | undefined][] = []
    const lessons = createLessonHub({
      goToStep: (step, lesson) => went.push([step, lesson]),
      next: () => undefined,
    })
    obey({ lessons } as unknown as AppServices, { ...envelope, type: 'goToStep', step: 2 })
    obey({ lessons } as unknown as AppServices, {
      ...envelope,
      type: 'goToStep',
      step: 1,
      lesson: 'etcd-raft',
    })
    expect(went).toEqual([
      [2, undefined],
      [1, 'etcd-raft'],
    ])
    expect(() => {
      obey({} as AppServices, { ...envelope, type: 'goToStep', step: 2 })
    }).not.toThrow()
  })

  it('tells the host page what happened in the lesson, in the API’s words', () => {
    expect(
      newsEvent({ type: 'stepChanged', lesson: 'etcd-raft', step: 3, title: 'Kill it' }),
    ).toEqual({ ...envelope, type: 'stepChanged', lesson: 'etcd-raft', step: 3, title: 'Kill it' })
    expect(newsEvent({ type: 'stepChanged', lesson: 'etcd-raft', step: 3 })).not.toHaveProperty(
      'title',
    )
    expect(newsEvent({ type: 'goalReached', lesson: 'l', step: 1, goal: 'pod-running' })).toEqual({
      ...envelope,
      type: 'goalReached',
      lesson: 'l',
      step: 1,
      goal: 'pod-running',
    })
    expect(newsEvent({ type: 'lessonCompleted', lesson: 'l' })).toEqual({
      ...envelope,
      type: 'lessonCompleted',
      lesson: 'l',
    })
  })

  it('a lesson hub reaches every listener until it unsubscribes', () => {
    const hub = createLessonHub({ goToStep: () => undefined, next: () => undefined })
    const heard: string[] = []
    const stop = hub.subscribe((news) => heard.push(news.type))
    hub.publish({ type: 'lessonCompleted', lesson: 'l' })
    stop()
    hub.publish({ type: 'lessonCompleted', lesson: 'l' })
    expect(heard).toEqual(['lessonCompleted'])
  })
})
