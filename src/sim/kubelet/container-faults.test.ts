import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { SimAction } from '../actions'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, podsOf } from '../testing/manifests'
import { CRASH_AFTER_MS } from './container-faults'

// Each test simulates a few minutes of a one-node cluster.
const SIMULATES_MINUTES = { timeout: 60_000 }

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: nginx, image: "nginx:1.27"}]
`

const status = (sim: Simulation) =>
  podsOf(sim).find((p: Pod) => p.metadata?.name === 'web')?.status?.containerStatuses?.[0]

type Sent = Extract<SimEvent, { type: 'MessageSent' }>
const sent = (sim: Simulation, label: string, fromMs = 0): number[] =>
  sim.trace
    .filter((e): e is Sent => e.type === 'MessageSent' && e.label === label && e.atMs >= fromMs)
    .map((e) => e.atMs)

function runningWeb(seed: number): Simulation {
  const sim = createSimulation({ seed, nodes: 1 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', WEB)
  sim.runUntil((s) => status(s)?.ready === true, 60_000)
  return sim
}

const crashLoop = (
  fault: 'crashLoop' | 'badImage',
): Omit<SimAction & { type: 'breakContainer' }, 'type'> => ({
  pod: 'default/web',
  container: 'nginx',
  fault,
})

describe('container faults: crash loop', () => {
  it(
    'kills the container, then every start exits 1: CrashLoopBackOff with 10, 20, 40 s back-off',
    SIMULATES_MINUTES,
    () => {
      const sim = runningWeb(5)
      const injectedAt = sim.nowMs
      sim.dispatch({ type: 'breakContainer', ...crashLoop('crashLoop') })
      sim.advance(150_000)
      const s = status(sim)
      expect(s?.restartCount).toBeGreaterThanOrEqual(4)
      expect(s?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
      // Starts: at once after the kill, then back-off 10, 20, 40 s measured from each exit.
      const creates = sent(sim, 'CreateContainer nginx', injectedAt)
      const gaps = creates
        .slice(1)
        .map((t, i) => Math.round((t - (creates[i] ?? 0) - CRASH_AFTER_MS) / 1000))
      expect(gaps.slice(0, 3)).toEqual([10, 20, 40])
      expect(sim.kubectl('get pod web').output).toMatch(
        /web\s+0\/1\s+(CrashLoopBackOff|Error)\s+\d+/,
      )
      expect(sim.kubectl('logs web --previous').output).toContain('fatal: injected fault')
    },
  )

  it('heals: the next start after the back-off stays Running', SIMULATES_MINUTES, () => {
    const sim = runningWeb(6)
    sim.dispatch(
      { type: 'breakContainer', ...crashLoop('crashLoop') },
      { afterMs: 30_000, actions: [{ type: 'fixContainer', ...crashLoop('crashLoop') }] },
    )
    sim.advance(120_000)
    const restarts = status(sim)?.restartCount ?? 0
    sim.advance(120_000)
    expect(status(sim)?.state?.running).toBeDefined()
    expect(status(sim)?.restartCount).toBe(restarts)
    expect(sim.kubectl('get pod web').output).toMatch(/web\s+1\/1\s+Running\s+\d+ \(/)
  })

  it(
    'replays identically, and the same after seeking back over the fault and its heal',
    SIMULATES_MINUTES,
    () => {
      const run = () => {
        const sim = runningWeb(8)
        sim.dispatch(
          { type: 'breakContainer', ...crashLoop('crashLoop') },
          { afterMs: 40_000, actions: [{ type: 'fixContainer', ...crashLoop('crashLoop') }] },
        )
        sim.advance(100_000)
        return sim
      }
      const a = run()
      const original = JSON.stringify(a.trace)
      expect(JSON.stringify(run().trace)).toBe(original)
      const end = a.nowMs
      a.seekTo(end - 80_000)
      expect(status(a)?.state?.running).toBeUndefined()
      a.seekTo(end)
      expect(JSON.stringify(a.trace)).toBe(original)
    },
  )

  it('is refused for a Pod no node runs or a container the Pod does not have', () => {
    const sim = runningWeb(2)
    sim.dispatch({
      type: 'breakContainer',
      pod: 'default/nope',
      container: 'x',
      fault: 'crashLoop',
    })
    sim.dispatch({ type: 'breakContainer', pod: 'default/web', container: 'x', fault: 'badImage' })
    const rejected = sim.trace.flatMap((e) =>
      e.type === 'ActionApplied' && e.rejected !== undefined ? [e.rejected] : [],
    )
    expect(rejected).toEqual([
      'no node runs a Pod "default/nope"',
      'Pod "default/web" has no container "x"',
    ])
    expect(status(sim)?.restartCount).toBe(0)
  })
})

describe('container faults: bad image', () => {
  it(
    'restarts the container into ErrImagePull, then ImagePullBackOff; healed it pulls and runs',
    SIMULATES_MINUTES,
    () => {
      const sim = runningWeb(3)
      const injectedAt = sim.nowMs
      sim.dispatch({ type: 'breakContainer', ...crashLoop('badImage') })
      sim.runUntil((s) => status(s)?.state?.waiting?.reason === 'ErrImagePull', 10_000)
      expect(status(sim)?.state?.waiting?.message).toBe(
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": docker.io/library/nginx:1.27: not found',
      )
      sim.runUntil((s) => status(s)?.state?.waiting?.reason === 'ImagePullBackOff', 10_000)
      expect(sim.kubectl('get pod web').output).toMatch(/web\s+0\/1\s+ImagePullBackOff\s+\d+/)
      sim.advance(60_000)
      // Pulls 10 s, 20 s, 40 s apart: the image back-off doubling from 10 s (kubelet.go).
      const pulls = sent(sim, 'PullImage nginx:1.27', injectedAt)
      const gaps = pulls.slice(1).map((t, i) => Math.round((t - (pulls[i] ?? 0)) / 1000))
      expect(gaps.slice(0, 2)).toEqual([10, 20])
      sim.dispatch({ type: 'fixContainer', ...crashLoop('badImage') })
      sim.advance(60_000)
      expect(status(sim)?.state?.running).toBeDefined()
      expect(status(sim)?.ready).toBe(true)
    },
  )

  it('heal all ends every container fault', SIMULATES_MINUTES, () => {
    const sim = runningWeb(4)
    sim.dispatch({ type: 'breakContainer', ...crashLoop('badImage') })
    sim.advance(15_000)
    sim.dispatch({ type: 'healAll' })
    sim.advance(60_000)
    expect(status(sim)?.ready).toBe(true)
  })
})
