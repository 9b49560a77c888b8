import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../sim/index'
import { conditionSchema } from '../format/schema'
import { Facts, type StepBaseline } from './facts'
import { compileCondition, CONDITION_KINDS, describeCondition } from './conditions/registry'
import { ACTION_KINDS } from './actions/registry'
import readme from '../../../lessons/README.md?raw'

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx:1.27}]`

const BIG = `apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers: [{name: big, image: nginx:1.27, resources: {requests: {cpu: '16'}}}]`

/** Parses a condition as a lesson file would (so the test also covers the schema), then checks it. */
function verdict(sim: Simulation, base: StepBaseline, yamlCondition: unknown) {
  const condition = conditionSchema.parse(yamlCondition)
  return compileCondition(condition, base)(new Facts(sim))
}

describe('the goal vocabulary, on a live simulation', () => {
  let sim: Simulation
  let boot: StepBaseline
  let afterApply: StepBaseline

  beforeAll(() => {
    sim = createSimulation({ seed: 1, nodes: 3 })
    sim.advance(3_000)
    boot = new Facts(sim).baseline()
    sim.kubectl('apply -f -', POD)
    sim.advance(8_000)
    afterApply = new Facts(sim).baseline()
    sim.kubectl('apply -f -', BIG)
    sim.kubectl(
      'apply -f -',
      'kind: Pod\napiVersion: v1\nmetadata: {name: broken}\nspec:\n  containers: [{name: x}]',
    )
    sim.advance(2_000)
  })

  it('pods: by name and labels, with STATUS, NODE and counts', () => {
    expect(verdict(sim, boot, { pods: { name: 'web', status: 'Running' } })).toEqual({
      met: true,
      why: '1 of 1 Running',
    })
    expect(
      verdict(sim, boot, { pods: { labels: 'app=web', status: 'Running', count: 2 } }),
    ).toEqual({
      met: false,
      why: '1 of 1 Running',
    })
    expect(verdict(sim, boot, { pods: { name: 'big', status: 'Running' } })).toEqual({
      met: false,
      why: '0 of 1 Running (big is Pending)',
    })
    expect(verdict(sim, boot, { pods: { name: 'big', node: '(none)' } }).met).toBe(true)
    expect(verdict(sim, boot, { pods: { name: 'nope' } })).toEqual({
      met: false,
      why: 'no such Pod exists now',
    })
  })

  it('object and stored: the API object and its etcd key', () => {
    expect(
      verdict(sim, boot, {
        object: {
          kind: 'Pod',
          name: 'web',
          field: 'spec.containers.0.image',
          equals: 'nginx:1.27',
        },
      }).met,
    ).toBe(true)
    expect(verdict(sim, boot, { object: { kind: 'Pod', name: 'broken', exists: false } })).toEqual({
      met: true,
      why: 'it is not stored',
    })
    expect(verdict(sim, boot, { stored: { key: '/registry/minions/*', count: 3 } }).met).toBe(true)
    expect(verdict(sim, boot, { stored: { key: '/registry/pods/default/web' } })).toEqual({
      met: true,
      why: '1 key: /registry/pods/default/web',
    })
  })

  it('kubectl: finished commands since the step began, by command, outcome and output', () => {
    expect(
      verdict(sim, boot, { kubectl: { command: 'apply *', succeeded: true, count: 2 } }).met,
    ).toBe(true)
    expect(
      verdict(sim, boot, {
        kubectl: {
          command: 'apply *',
          succeeded: false,
          output: 'spec.containers[0].image: Required value',
        },
      }).met,
    ).toBe(true)
    // The window starts when the step began: the first apply is before `afterApply`.
    expect(
      verdict(sim, afterApply, { kubectl: { command: 'apply *', succeeded: true, count: 1 } }).met,
    ).toBe(true)
  })

  it('message: from, to, label, flow step, arrival, and who alone may send', () => {
    expect(
      verdict(sim, boot, {
        message: { from: 'kubectl', to: 'kube-apiserver', label: 'POST *', atLeast: 3 },
      }).met,
    ).toBe(true)
    expect(
      verdict(sim, boot, {
        message: {
          to: 'etcd-*',
          from: ['kube-*', 'kubelet/*', 'kubectl'],
          atLeast: 10,
          onlyFrom: 'kube-apiserver',
        },
      }).met,
    ).toBe(true)
    expect(
      verdict(sim, boot, { message: { to: 'etcd-*', from: 'kube-*', onlyFrom: 'kube-scheduler' } }),
    ).toMatchObject({
      met: false,
      why: expect.stringMatching(/^kube-apiserver sent “.*” to etcd-\d$/) as string,
    })
    expect(
      verdict(sim, boot, { message: { step: 5, label: 'StartContainer*', about: 'web' } }).met,
    ).toBe(true)
  })

  it('event, log and scheduling: what the components said and decided', () => {
    expect(verdict(sim, boot, { event: { reason: 'Scheduled', object: 'Pod/web' } }).met).toBe(true)
    expect(
      verdict(sim, boot, {
        event: { reason: 'FailedScheduling', object: 'Pod/big', message: 'Insufficient cpu' },
      }).met,
    ).toBe(true)
    expect(
      verdict(sim, boot, { log: { component: 'kube-apiserver', contains: 'validated Pod web' } })
        .met,
    ).toBe(true)
    expect(
      verdict(sim, boot, {
        scheduling: { pod: 'big', result: 'unschedulable', reason: 'Insufficient cpu' },
      }).met,
    ).toBe(true)
    expect(verdict(sim, boot, { scheduling: { pod: 'web', result: 'unschedulable' } }).met).toBe(
      false,
    )
  })

  it('etcd, component, link and containers: the processes and the network', () => {
    expect(
      verdict(sim, boot, { etcd: { members: 3, quorum: 2, tolerates: 1, agreed: true } }).met,
    ).toBe(true)
    expect(verdict(sim, boot, { component: { id: 'etcd-*', running: true } }).met).toBe(true)
    expect(verdict(sim, boot, { link: { a: 'kube-apiserver', b: 'etcd-1', cut: false } })).toEqual({
      met: true,
      why: 'kube-apiserver ↔ etcd-1: up',
    })
    expect(verdict(sim, boot, { containers: { pod: 'web', running: true } }).met).toBe(true)
    expect(verdict(sim, boot, { containers: { pod: 'big', running: true } })).toEqual({
      met: false,
      why: 'no container of it exists on any node',
    })
  })

  it('elapsed, all, any, not', () => {
    expect(verdict(sim, afterApply, { elapsed: '1s' }).met).toBe(true)
    expect(verdict(sim, afterApply, { elapsed: '1m' })).toEqual({
      met: false,
      why: `${((sim.nowMs - afterApply.atMs) / 1000).toFixed(1)} s so far`,
    })
    expect(
      verdict(sim, boot, { all: [{ pods: { name: 'web' } }, { pods: { name: 'nope' } }] }).met,
    ).toBe(false)
    expect(
      verdict(sim, boot, { any: [{ pods: { name: 'web' } }, { pods: { name: 'nope' } }] }).met,
    ).toBe(true)
    expect(verdict(sim, boot, { not: { pods: { name: 'nope' } } }).met).toBe(true)
  })
})

describe('etcd checks against the step start', () => {
  it('sees a new leader in a higher term after the leader is stopped', () => {
    const sim = createSimulation({ seed: 2, nodes: 1 })
    sim.advance(3_000)
    const base = new Facts(sim).baseline()
    const before = verdict(sim, base, { etcd: { newLeader: true } })
    expect(before.met).toBe(false)
    sim.dispatch({ type: 'stopComponent', id: base.etcdLeader })
    sim.advance(5_000)
    expect(verdict(sim, base, { etcd: { newLeader: true, termsPassed: 1 } }).met).toBe(true)
  })
})

describe('default goal texts', () => {
  it.each([
    [
      { pods: { labels: 'app=web', status: 'Running', count: 3 } },
      '3 Pods with `app=web` are Running',
    ],
    [{ pods: { name: 'web', status: 'Running' } }, 'Pod `web` is Running'],
    [
      { etcd: { members: 4, quorum: 3, tolerates: 1 } },
      'etcd has 4 members, the quorum is 3, it tolerates 1 failure(s)',
    ],
    [
      { kubectl: { command: 'apply *', succeeded: false, output: 'timed out' } },
      '`kubectl apply *` fails with “timed out”',
    ],
    [{ component: { id: 'etcd-*', running: false } }, 'every `etcd-*` is stopped'],
    [{ elapsed: '30s' }, '30 s of cluster time pass'],
  ])('%j reads “%s”', (condition, text) => {
    expect(describeCondition(conditionSchema.parse(condition))).toBe(text)
  })
})

describe('lessons/README.md documents the whole vocabulary', () => {
  it.each([...CONDITION_KINDS, ...ACTION_KINDS].map((k) => k.key))(
    'has a section for %s',
    (key) => {
      expect(readme).toContain(`### \`${key}\``)
    },
  )
  it.each(['all', 'any', 'not', 'wait', 'waitFor'])('has a section mentioning %s', (key) => {
    expect(readme).toContain(`\`${key}\``)
  })
})
