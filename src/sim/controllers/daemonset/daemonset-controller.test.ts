import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS, podsOf, runningPods } from '../../testing/manifests'

// A DaemonSet whose Pod creates fail (daemon_controller.go, v1.32): each failure is a
// FailedCreate event, and the sync is retried with the work queue's exponential back-off,
// not at once in a loop.
const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      serviceAccountName: robot
      containers:
        - name: agent
          image: busybox:1.36
`

describe('a DaemonSet whose creates fail', () => {
  const sim = createSimulation({ seed: 9, nodes: 2 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', manifest)
  sim.advance(10_000)
  const failures = sim.trace.filter(
    (e) => e.type === 'KubeEventRecorded' && e.reason === 'FailedCreate',
  )

  it('records FailedCreate and backs off between tries', () => {
    expect(podsOf(sim).filter((p) => p.metadata?.name?.startsWith('agent-'))).toHaveLength(0)
    expect(failures[0]).toMatchObject({
      eventType: 'Warning',
      message:
        'Error creating: pods "agent-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    })
    // Two nodes, two creates per try; 5 ms doubling: about a dozen tries in 10 s.
    expect(failures.length).toBeGreaterThan(10)
    expect(failures.length).toBeLessThan(60)
  })

  it('runs a Pod on every node once the cause is fixed', () => {
    sim.kubectl('create serviceaccount robot')
    const agents = () => runningPods(sim).filter((p) => p.metadata?.name?.startsWith('agent-'))
    expect(sim.runUntil(() => agents().length === 2, 120_000)).toBe(true)
  })
})
