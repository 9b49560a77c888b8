import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS, makePodManifest } from '../testing/manifests'
import { REQUEST_TIMEOUT_MS } from './request-timeout'

const TIMEOUT_TEXT =
  'Timeout: request did not complete within requested timeout - context deadline exceeded'

describe('the API server request timeout (--request-timeout 1m0s)', () => {
  it('answers 504 Timeout when etcd is entirely down, and kubectl prints it', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'stopComponent', id })
    const start = sim.nowMs
    expect(sim.kubectl('get pods')).toEqual({
      exitCode: 1,
      output: `Error from server (Timeout): ${TIMEOUT_TEXT}`,
    })
    // 60 s after the request reached the API server (plus the trip back).
    expect(sim.nowMs - start).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS)
    expect(sim.nowMs - start).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000)
    const write = sim.kubectl('apply -f -', makePodManifest('two').yaml())
    expect(write.exitCode).toBe(1)
    expect(write.output).toContain(TIMEOUT_TEXT)
  })

  it('drops the late answer and serves again once etcd is back', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'stopComponent', id })
    sim.kubectl('get pods')
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'startComponent', id })
    sim.advance(5_000)
    const answers = sim.trace.filter((e) => e.type === 'MessageSent' && e.to === 'kubectl')
    expect(answers.map((e) => e.type === 'MessageSent' && e.label)).toEqual(['504 Gateway Timeout'])
    expect(sim.kubectl('get pods').output).toBe('No resources found in default namespace.')
  })

  it('leaves watches (long-running requests) open', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS + 2 * REQUEST_TIMEOUT_MS)
    const timeouts = sim.trace.filter((e) => e.type === 'MessageSent' && e.label.startsWith('504'))
    expect(timeouts).toEqual([])
  })
})
