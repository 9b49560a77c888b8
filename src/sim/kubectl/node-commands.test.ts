import type { Node, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makePodManifest, podsOf } from '../testing/manifests'

const nodeOf = (sim: Simulation, name: string): Node =>
  sim.snapshot().objects.find((o) => o.kind === 'Node' && o.metadata?.name === name) as Node

// Expected texts were captured from the real kubectl v1.32 against a stub API server.
describe('kubectl cordon / uncordon', () => {
  const sim = createSimulation({ seed: 3 })
  sim.advance(BOOT_MS)

  it('cordons once, then says it already is; uncordon reverses it', () => {
    expect(sim.kubectl('cordon node-2')).toEqual({ exitCode: 0, output: 'node/node-2 cordoned' })
    expect(nodeOf(sim, 'node-2').spec?.unschedulable).toBe(true)
    expect(sim.kubectl('cordon node-2').output).toBe('node/node-2 already cordoned')
    expect(sim.kubectl('get nodes node-2').output).toMatch(/Ready,SchedulingDisabled/)
    expect(sim.kubectl('uncordon node-2').output).toBe('node/node-2 uncordoned')
    expect(nodeOf(sim, 'node-2').spec?.unschedulable).toBeUndefined()
    expect(sim.kubectl('uncordon node-2').output).toBe('node/node-2 already uncordoned')
  })

  it("reports usage and the API server's NotFound", () => {
    expect(sim.kubectl('cordon')).toEqual({
      exitCode: 1,
      output: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples",
    })
    expect(sim.kubectl('cordon node-9').output).toBe(
      'Error from server (NotFound): nodes "node-9" not found',
    )
  })
})

describe('kubectl taint', () => {
  const sim = createSimulation({ seed: 4 })
  sim.advance(BOOT_MS)

  it('adds, refuses to overwrite, overwrites and removes taints', () => {
    expect(sim.kubectl('taint nodes node-2 dedicated=gpu:NoSchedule').output).toBe(
      'node/node-2 tainted',
    )
    expect(nodeOf(sim, 'node-2').spec?.taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ])
    expect(sim.kubectl('taint nodes node-2 dedicated=cpu:NoSchedule')).toEqual({
      exitCode: 1,
      output:
        'error: node node-2 already has dedicated taint(s) with same effect(s) and --overwrite is false',
    })
    expect(sim.kubectl('taint nodes node-2 dedicated=cpu:NoSchedule --overwrite').output).toBe(
      'node/node-2 modified',
    )
    // New taints go first (reorganizeTaints keeps the added ones ahead of the old).
    expect(sim.kubectl('taint node/node-2 spot:PreferNoSchedule').output).toBe(
      'node/node-2 tainted',
    )
    expect(nodeOf(sim, 'node-2').spec?.taints?.map((t) => t.key)).toEqual(['spot', 'dedicated'])
    expect(sim.kubectl('taint nodes node-2 nope:NoSchedule-').output).toBe(
      'error: taint "nope:NoSchedule" not found',
    )
    expect(sim.kubectl('taint nodes node-2 dedicated:NoSchedule-').output).toBe(
      'node/node-2 untainted',
    )
    expect(sim.kubectl('taint no node-2 spot-').output).toBe('node/node-2 untainted')
    expect(nodeOf(sim, 'node-2').spec?.taints).toBeUndefined()
  })

  it("rejects bad specs with kubectl's messages before calling the API server", () => {
    expect(sim.kubectl('taint nodes node-2 dedicated=gpu:Bogus').output).toBe(
      "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kubectl taint -h' for help and examples",
    )
    expect(sim.kubectl('taint nodes node-2 a=b=c:NoSchedule').output).toBe(
      "error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples",
    )
    expect(sim.kubectl('taint nodes node-2 dedicated=gpu').output).toMatch(
      /^error: invalid taint spec: dedicated=gpu, name part must consist of alphanumeric characters/,
    )
    expect(sim.kubectl('taint nodes node-2').output).toBe(
      'error: at least one taint update is required',
    )
    expect(sim.kubectl('taint pods web a=b:NoSchedule').output).toBe(
      'error: invalid resource type pods, only node types are supported',
    )
  })
})

describe('kubectl label', () => {
  const sim = createSimulation({ seed: 5 })
  sim.advance(BOOT_MS)

  it('labels, refuses to overwrite, removes, and says when nothing changed', () => {
    expect(sim.kubectl('label nodes node-2 disk=ssd').output).toBe('node/node-2 labeled')
    expect(nodeOf(sim, 'node-2').metadata?.labels?.['disk']).toBe('ssd')
    expect(sim.kubectl('label nodes node-2 disk=hdd').output).toBe(
      "error: 'disk' already has a value (ssd), and --overwrite is false",
    )
    expect(sim.kubectl('label nodes node-2 disk=hdd --overwrite').output).toBe(
      'node/node-2 labeled',
    )
    expect(sim.kubectl('label nodes node-2 disk-').output).toBe('node/node-2 unlabeled')
    expect(sim.kubectl('label nodes node-2 disk-').output).toBe(
      'label "disk" not found.\nnode/node-2 not labeled',
    )
  })

  it('labels pods too, and the API server validates label keys', () => {
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    expect(sim.kubectl('label pod web tier=front').output).toBe('pod/web labeled')
    expect(podsOf(sim)[0]?.metadata?.labels).toEqual({ tier: 'front' })
    expect(sim.kubectl("label nodes node-2 'bad key=x'").output).toMatch(
      /^The Node "node-2" is invalid: metadata.labels: Invalid value: "bad key": name part must consist/,
    )
    expect(sim.kubectl('label nodes node-2 disk=ssd disk-').output).toBe(
      'error: can not both modify and remove a label in the same command',
    )
    expect(sim.kubectl('label nodes node-2').output).toBe(
      'error: at least one label update is required',
    )
  })
})

describe('the scheduler reacts to node changes made with kubectl', () => {
  it('a pod pending on a taint schedules once the taint is removed (NodeUpdate requeues it)', () => {
    const sim = createSimulation({ seed: 11, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('taint nodes node-1 dedicated=gpu:NoSchedule')
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    sim.advance(2_000)
    const pending = podsOf(sim)[0] as Pod
    expect(pending.spec?.nodeName).toBeUndefined()
    sim.kubectl('taint nodes node-1 dedicated-')
    // Well under the 5-minute unschedulable flush: the queueing hint moved it.
    expect(sim.runUntil((s) => podsOf(s)[0]?.spec?.nodeName === 'node-1', 15_000)).toBe(true)
  })

  it('a cordoned node is avoided until uncordoned', () => {
    const sim = createSimulation({ seed: 12, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('cordon node-1')
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    sim.advance(2_000)
    expect(podsOf(sim)[0]?.spec?.nodeName).toBeUndefined()
    sim.kubectl('uncordon node-1')
    expect(sim.runUntil((s) => podsOf(s)[0]?.spec?.nodeName === 'node-1', 15_000)).toBe(true)
  })
})
