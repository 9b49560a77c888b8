import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'

describe('kubectl logs of a Pod with two containers', () => {
  const sim = createSimulation({ seed: 31, nodes: 1 })
  sim.advance(BOOT_MS)
  const ticker = 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'
  sim.kubectl(
    'apply -f -',
    stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'two' },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.27' },
          { name: 'tick', image: 'busybox:1.36', command: ['sh', '-c', ticker] },
        ],
      },
    }),
  )
  sim.advance(30_000)
  const logs = (args: string) => sim.kubectl(`logs two ${args}`).output

  it('defaults to the first container and says so', () => {
    const lines = logs('').split('\n')
    expect(lines[0]).toBe('Defaulted container "web" out of: web, tick')
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up')
  })

  it('-c picks the container; its lines are what the program wrote, in order', () => {
    // The loop started at about 5 s and writes every 5 s: 6 lines by 33 s.
    expect(logs('-c tick')).toBe(
      ['tick 0', 'tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5'].join('\n'),
    )
  })

  it('--tail, --since and --timestamps cut and stamp as the kubelet does', () => {
    expect(logs('-c tick --tail=2')).toBe('tick 4\ntick 5')
    expect(logs('-c tick --since=10s')).toBe('tick 4\ntick 5')
    // RFC3339NanoFixed: nine fractional digits, always.
    expect(logs('-c tick --timestamps --tail 1')).toMatch(/^2025-01-01T00:00:\d\d\.\d{9}Z tick 5$/)
  })

  it('-f streams past the API server’s 60 s request timeout (log is long-running), until Ctrl-C', () => {
    sim.dispatch({ type: 'runKubectl', commandId: 'follow', command: 'logs -f two -c tick' })
    sim.advance(90_000)
    const streamed = sim.trace.flatMap((e) =>
      e.type === 'KubectlOutput' && e.commandId === 'follow' ? [e.text] : [],
    )
    const finished = () =>
      sim.trace.find((e) => e.type === 'KubectlFinished' && e.commandId === 'follow')
    expect(finished()).toBeUndefined()
    // The backlog, then a line every 5 s for 90 s.
    expect(streamed.join('').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(20)
    sim.dispatch({ type: 'interruptKubectl', commandId: 'follow' })
    sim.advance(1_000)
    expect(finished()).toBeDefined()
  })

  it('answers a wrong container, a missing previous one and a missing Pod as the API server does', () => {
    expect(logs('-c nope')).toBe(
      'Error from server (BadRequest): container nope is not valid for pod two',
    )
    expect(logs('-c tick -p')).toBe(
      'Error from server (BadRequest): previous terminated container "tick" in pod "two" not found',
    )
    expect(sim.kubectl('logs nope').output).toBe(
      'Error from server (NotFound): pods "nope" not found',
    )
  })
})
