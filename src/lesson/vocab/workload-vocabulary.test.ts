import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../sim/index'
import { conditionSchema } from '../format/schema'
import { Facts, type StepBaseline } from './facts'
import { compileCondition, describeCondition } from './conditions/registry'

/** Parses a condition as a lesson file would (so the test also covers the schema), then checks it. */
function verdict(sim: Simulation, base: StepBaseline, yamlCondition: unknown) {
  const condition = conditionSchema.parse(yamlCondition)
  return compileCondition(condition, base)(new Facts(sim))
}

const CRASH = `apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; exit 1"]`

const WEB = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: client, image: busybox:1.36, command: ["sh", "-c", "sleep infinity"]}]`

describe('the goal vocabulary for workloads: restarts, node readiness, traffic', () => {
  let sim: Simulation
  let boot: StepBaseline

  beforeAll(() => {
    sim = createSimulation({ seed: 3, nodes: 2 })
    sim.advance(3_000)
    boot = new Facts(sim).baseline()
    sim.kubectl('apply -f -', CRASH)
    sim.kubectl('apply -f -', WEB)
    // Starts at once, then 10 s and 20 s of back-off: three restarts by a minute in.
    sim.advance(60_000)
  })

  it('pods.restarts: at least that many in the RESTARTS column', () => {
    expect(verdict(sim, boot, { pods: { name: 'crash', restarts: 2 } }).met).toBe(true)
    const many = verdict(sim, boot, { pods: { name: 'crash', restarts: 40 } })
    expect(many.met).toBe(false)
    expect(many.why).toMatch(
      /^0 of 1 present with 40\+ restarts \(crash is \S+ on node-\d with [2-5] restarts\)$/,
    )
    expect(describeCondition({ pods: { name: 'crash', restarts: 3 } })).toBe(
      'Pod `crash` is present with 3+ restarts',
    )
  })

  it('traffic: requests answered, by how many Pods, evenly or not', () => {
    const before = new Facts(sim).baseline()
    expect(verdict(sim, before, { traffic: { atLeast: 1 } })).toEqual({
      met: false,
      why: 'no request ok in this step yet',
    })
    sim.dispatch({ type: 'setKubeProxyMode', mode: 'ipvs' })
    sim.advance(5_000)
    const ipvs = new Facts(sim).baseline()
    sim.dispatch({
      type: 'sendTraffic',
      runId: 'vocab',
      from: 'default/client',
      service: 'default/web',
      count: 10,
    })
    sim.advance(10_000)
    expect(verdict(sim, ipvs, { traffic: { count: 10, endpoints: 2, even: true } }).met).toBe(true)
    expect(verdict(sim, ipvs, { traffic: { count: 10, even: false } }).met).toBe(false)
    expect(verdict(sim, ipvs, { traffic: { outcome: 'timeout' } }).met).toBe(false)
    expect(verdict(sim, ipvs, { traffic: { count: 10 } }).why).toMatch(
      /^10 requests ok: web-\w+ 5, web-\w+ 5$/,
    )
  })

  it('node.ready: the Ready condition, Unknown once the node controller gives up on a silent kubelet', () => {
    expect(verdict(sim, boot, { node: { name: 'node-2', ready: 'True' } })).toEqual({
      met: true,
      why: 'node-2: Ready True, schedulable; taints: none',
    })
    sim.dispatch({ type: 'stopComponent', id: 'kubelet/node-2' })
    sim.advance(20_000)
    expect(verdict(sim, boot, { node: { name: 'node-2', ready: 'Unknown' } }).met).toBe(false)
    // node-monitor-grace-period 50 s after the last renewal, checked every 5 s.
    sim.advance(45_000)
    expect(verdict(sim, boot, { node: { name: 'node-2', ready: 'Unknown' } }).met).toBe(true)
    expect(
      verdict(sim, boot, {
        node: { name: 'node-2', ready: 'Unknown', taint: 'node.kubernetes.io/unreachable' },
      }).met,
    ).toBe(true)
    expect(describeCondition({ node: { name: 'node-2', ready: 'Unknown' } })).toBe(
      '`node-2` is NotReady (Ready Unknown)',
    )
  })
})
