import { describe, expect, it } from 'vitest'
import { parseRoute, routeSearch } from './route'

describe('routes', () => {
  it.each([
    ['', { mode: 'catalog' }],
    ['?lesson=etcd', { mode: 'lesson', lessonId: 'etcd', step: 0 }],
    ['?lesson=etcd&step=3', { mode: 'lesson', lessonId: 'etcd', step: 2 }],
    ['?play', { mode: 'free' }],
    ['?seed=7&nodes=5', { mode: 'free' }],
    ['?embed=1', { mode: 'free' }],
    ['?embed=1&theme=dark&autoplay=0', { mode: 'free' }],
    ['?embed=1&lesson=etcd&step=2', { mode: 'lesson', lessonId: 'etcd', step: 1 }],
    ['?seed=4&actions=abc&lesson=etcd&step=2', { mode: 'free' }],
  ])('%s opens %j', (search, route) => {
    expect(parseRoute(search)).toEqual({ route, warnings: [] })
  })

  it('falls back to step 1 on a bad step, and says why', () => {
    expect(parseRoute('?lesson=etcd&step=zero')).toEqual({
      route: { mode: 'lesson', lessonId: 'etcd', step: 0 },
      warnings: ['Ignored step=zero: expected a step number from 1; opening step 1.'],
    })
  })

  it('writes addresses back, keeping free play settings', () => {
    expect(routeSearch({ mode: 'lesson', lessonId: 'split-brain', step: 1 }, '')).toBe(
      '?lesson=split-brain&step=2',
    )
    expect(routeSearch({ mode: 'free' }, '?lesson=x&step=2')).toBe('?play')
    expect(routeSearch({ mode: 'free' }, '?seed=7&nodes=5')).toBe('?seed=7&nodes=5')
    expect(routeSearch({ mode: 'catalog' }, '?play')).toBe('')
  })
})
