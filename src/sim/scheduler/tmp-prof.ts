import type { Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { addNode, addPod, assumePod, createSchedulerCache } from './cache'
import { runSchedulingCycle } from './cycle'
import { summarizeCycle } from './decision-summary'
import { makeNode, makePod } from './testing/builders'
declare const process: {
  env: Record<string, string | undefined>
  cpuUsage: () => { user: number; system: number }
}
declare const console: { log: (...args: unknown[]) => void }
const N = Number(process.env['SN'] ?? 5000)
const PPN = Number(process.env['SP'] ?? 2)
const CYC = Number(process.env['SC'] ?? 2000)
const ROUNDS = Number(process.env['SR'] ?? 3)
function rsPod(name: string, rs: number): Pod {
  const pod = makePod(name)
    .label('app', `rs-${rs}`)
    .label('pod-template-hash', `h${rs}`)
    .req({ cpu: '10m', memory: '16Mi' })
    .obj()
  const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${rs}`, uid: `rs-uid-${rs}` }
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      uid: `uid-${name}`,
      ownerReferences: [{ ...ref, controller: true }],
    },
  }
}
const cache = createSchedulerCache()
for (let i = 0; i < N; i++)
  addNode(
    cache,
    makeNode(`node-${i}`)
      .capacity({ cpu: '64', memory: '256Gi', pods: 110 })
      .label('kubernetes.io/hostname', `node-${i}`)
      .label('topology.kubernetes.io/zone', `zone-${i % 3}`)
      .obj(),
  )
for (let i = 0; i < N * PPN; i++) {
  const pod = rsPod(`existing-${i}`, i % 10)
  addPod(cache, {
    ...pod,
    spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: `node-${i % N}` },
  })
}
const rng = createRng(1)
let start = 0
for (let r = 0; r < ROUNDS; r++) {
  const pods = Array.from({ length: CYC }, (_, i) => rsPod(`new-${r}-${i}`, i % 3))
  const t0 = process.cpuUsage()
  let ev = 0
  for (let i = 0; i < CYC; i++) {
    const pod = pods[i] as Pod
    const rec = runSchedulingCycle({ pod, cache, rng, nextStartNodeIndex: start })
    start = rec.nextStartNodeIndex
    ev += rec.evaluatedNodes.length
    summarizeCycle(rec, pod, cache, i, 0)
    if (rec.selectedNode) assumePod(cache, pod, rec.selectedNode)
  }
  const t1 = process.cpuUsage()
  console.log(
    `[prof] ${N} nodes: ${((t1.user + t1.system - t0.user - t0.system) / CYC).toFixed(0)} us/cycle, ${ev / CYC} evaluated`,
  )
}
console.log((globalThis as any).CALLS, (globalThis as any).MISS, (globalThis as any).PODS)
