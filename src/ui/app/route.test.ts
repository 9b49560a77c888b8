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
    ['?attach=ws%3A%2F%2F127.0.0.1%3A6444%2Fattach%3Ftoken%3Dabc', { mode: 'free' }],
  ])('%s opens %j', (search, route) => {
    expect(parseRoute(search)).toEqual({ route, warnings: [] })
  })

  it('falls back to step 1 on a bad step, and says why', () => {
    expect(parseRoute('?lesson=etcd&step=zero')).toEqual({
      route: { mode: 'lesson', lessonId: 'etcd', step: 0 },
      warnings: ['Ignored step=zero: expected a step number from 1; opening step 1.'],
    })
  })

  it('keeps an attach link (and its token) in free play, so a reload attaches again', () => {
    const attached = '?attach=ws%3A%2F%2F127.0.0.1%3A6444%2Fattach&token=abc'
    expect(routeSearch({ mode: 'free' }, attached)).toBe(attached)
  })

  it('writes addresses back, keeping free play settings', () => {
    expect(routeSearch({ mode: 'lesson', lessonId: 'split-brain', step: 1 }, '')).toBe(
      '?lesson=split-brain&step=2',
    )
    expect(routeSearch({ mode: 'free' }, '?lesson=x&step=2')).toBe('?play')
    expect(routeSearch({ mode: 'free' }, '?seed=7&nodes=5')).toBe('?seed=7&nodes=5')
    expect(routeSearch({ mode: 'catalog' }, '?play')).toBe('')
  })

  it('keeps an embed an embed as its lesson moves on (and drops what the step replaces)', () => {
    const origin = encodeURIComponent('https://course.example.edu')
    const embed = `?embed=1&view=raft&controls=full&origin=${origin}`
    expect(
      routeSearch(
        { mode: 'lesson', lessonId: 'split-brain', step: 2 },
        `${embed}&lesson=split-brain&step=1&seed=9`,
      ),
    ).toBe(`${embed}&lesson=split-brain&step=3`)
    expect(routeSearch({ mode: 'free' }, '?embed=1&theme=dark&lesson=x&step=2')).toBe(
      '?embed=1&theme=dark',
    )
    expect(routeSearch({ mode: 'catalog' }, '?embed=1&autoplay=1')).toBe('?embed=1&autoplay=1')
    // Not an embed (embed=0): the embed's parameters mean nothing and go.
    expect(routeSearch({ mode: 'lesson', lessonId: 'l', step: 0 }, '?embed=0&view=raft')).toBe(
      '?lesson=l&step=1',
    )
  })
})
