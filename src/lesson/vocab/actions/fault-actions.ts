import { z } from 'zod'
import { strict } from '../../format/zod-helpers'
import { defineAction, type Resolution } from './kind'
import { resolveMember } from './member-ref'
import type { Facts } from '../facts'
import type { SimAction } from '../../../sim/index'

const componentName = z.string().min(1)

function withMember(name: string, facts: Facts, make: (id: string) => SimAction): Resolution {
  const id = resolveMember(name, facts)
  return typeof id === 'string' ? { actions: [make(id)] } : id
}

const member = (path: string, name: string) => [{ path: [path], name, of: 'member' as const }]

/** Stop a component's process: `etcd-2`, `kube-scheduler`, `etcd leader`, `etcd follower`. */
export const stop = defineAction<string>({
  key: 'stop',
  help: 'stop a component (kube-scheduler, etcd-2, kubelet/node-1 …, or etcd leader / etcd follower)',
  params: componentName,
  describe: (name) => `stop ${name}`,
  resolve: (name, facts) => withMember(name, facts, (id) => ({ type: 'stopComponent', id })),
  references: (name) => [{ path: [], name, of: 'component' }],
})

export const start = defineAction<string>({
  key: 'start',
  help: 'start a stopped component again',
  params: componentName,
  describe: (name) => `start ${name}`,
  resolve: (id) => ({ actions: [{ type: 'startComponent', id }] }),
  references: (name) => [{ path: [], name, of: 'component' }],
})

const sides = z.tuple([z.array(componentName).min(1), z.array(componentName).min(1)], {
  error: 'expected two lists of components, e.g. [[etcd-1, kube-apiserver], [etcd-2, etcd-3]]',
})
type Sides = z.infer<typeof sides>

/** Cut the network between two groups (component ids, machine names like node-2, or etcd roles). */
export const partition = defineAction<Sides>({
  key: 'partition',
  help: 'cut the network between two groups of components: [[a, b], [c, d]]',
  params: sides,
  describe: ([a, b]) => `partition ${a.join(', ')} | ${b.join(', ')}`,
  resolve: (groups, facts) => {
    const resolved: string[][] = [[], []]
    for (const [i, group] of groups.entries())
      for (const name of group) {
        const id = resolveMember(name, facts)
        if (typeof id !== 'string') return id
        resolved[i]?.push(id)
      }
    return { actions: [{ type: 'partition', sides: [resolved[0] ?? [], resolved[1] ?? []] }] }
  },
  references: (groups) =>
    groups.flatMap((group, i) =>
      group.map((name, j) => ({ path: [i, j], name, of: 'component' as const })),
    ),
})

/** The Raft view's "Split brain": the API server and its etcd member against the other members. */
export const splitBrain = defineAction<true>({
  key: 'splitBrain',
  help: "the Raft view's Split brain button: the API server and its etcd member cut off from the rest",
  params: z.literal(true),
  describe: () => 'split brain: cut the API server and its etcd member off from the other members',
  resolve: (_p, facts) => {
    const client = facts.sim.etcdClients()[0]
    if (!client) return { error: 'there is no API server' }
    const others = facts
      .etcd()
      .members.filter((m) => !m.removed && m.id !== client.endpoint)
      .map((m) => m.id)
    if (others.length === 0) return { error: 'etcd has a single member: there is nothing to split' }
    return { actions: [{ type: 'partition', sides: [[client.id, client.endpoint], others] }] }
  },
})

export const heal = defineAction<true>({
  key: 'heal',
  help: 'heal every partition and lossy link',
  params: z.literal(true),
  describe: () => 'heal the network',
  resolve: () => ({ actions: [{ type: 'heal' }] }),
})

const lossParams = strict({
  a: componentName,
  b: componentName,
  percent: z.number().min(0).max(100),
})
type Loss = z.infer<typeof lossParams>

export const linkLoss = defineAction<Loss>({
  key: 'linkLoss',
  help: 'lose a percentage of the messages between two components, both ways (0 repairs it)',
  params: lossParams,
  describe: (p) => `lose ${p.percent}% of messages between ${p.a} and ${p.b}`,
  resolve: (p, facts) => {
    const a = resolveMember(p.a, facts)
    const b = resolveMember(p.b, facts)
    if (typeof a !== 'string') return a
    if (typeof b !== 'string') return b
    return { actions: [{ type: 'setLinkLoss', a, b, fraction: p.percent / 100 }] }
  },
  references: (p) => [
    { path: ['a'], name: p.a, of: 'component' },
    { path: ['b'], name: p.b, of: 'component' },
  ],
})

const diskParams = strict({ member: componentName, fsyncMs: z.number().int().min(0).max(10_000) })
type Disk = z.infer<typeof diskParams>

/** A member's WAL fsync latency (the Raft view's Disk menu: SSD 2 ms, slow 200 ms, stalling 1500 ms). */
export const diskLatency = defineAction<Disk>({
  key: 'diskLatency',
  help: "an etcd member's disk fsync latency in ms (2 = SSD, 200 = slow, 1500 = stalling)",
  params: diskParams,
  describe: (p) => `set ${p.member}'s disk fsync latency to ${p.fsyncMs} ms`,
  resolve: (p, facts) =>
    withMember(p.member, facts, (id) => ({ type: 'setDiskLatency', id, fsyncMs: p.fsyncMs })),
  references: (p) => member('member', p.member),
})

export const addEtcdMember = defineAction<true>({
  key: 'addEtcdMember',
  help: 'add an etcd member (etcdctl member add, then start it)',
  params: z.literal(true),
  describe: () => 'add an etcd member',
  resolve: () => ({ actions: [{ type: 'addEtcdMember' }] }),
})

export const removeEtcdMember = defineAction<string>({
  key: 'removeEtcdMember',
  help: 'remove an etcd member from the cluster (etcdctl member remove)',
  params: componentName,
  describe: (name) => `remove ${name} from the etcd cluster`,
  resolve: (name, facts) => withMember(name, facts, (id) => ({ type: 'removeEtcdMember', id })),
  references: (name) => [{ path: [], name, of: 'member' }],
})

export const timeoutNow = defineAction<string>({
  key: 'timeoutNow',
  help: 'force an election on an etcd member (MsgTimeoutNow)',
  params: componentName,
  describe: (name) => `force an election on ${name}`,
  resolve: (name, facts) => withMember(name, facts, (id) => ({ type: 'raftTimeoutNow', id })),
  references: (name) => [{ path: [], name, of: 'member' }],
})

export const wipe = defineAction<string>({
  key: 'wipe',
  help: 'stop an etcd member, delete its data directory and start it empty',
  params: componentName,
  describe: (name) => `wipe ${name}'s data`,
  resolve: (name, facts) => withMember(name, facts, (id) => ({ type: 'wipeEtcdMember', id })),
  references: (name) => [{ path: [], name, of: 'member' }],
})

const capacityParams = strict({
  node: componentName,
  cpu: z.string().optional(),
  memory: z.string().optional(),
  pods: z.number().int().min(0).optional(),
})
type Capacity = z.infer<typeof capacityParams>

export const nodeCapacity = defineAction<Capacity>({
  key: 'nodeCapacity',
  help: "resize a node's machine: its kubelet reports the new cpu, memory or max Pods",
  params: capacityParams,
  describe: (p) =>
    `resize ${p.node}: ${[p.cpu && `cpu ${p.cpu}`, p.memory && `memory ${p.memory}`, p.pods !== undefined && `${p.pods} pods`].filter(Boolean).join(', ')}`,
  resolve: (p) => ({
    actions: [
      { type: 'setNodeCapacity', node: p.node, cpu: p.cpu, memory: p.memory, pods: p.pods },
    ],
  }),
  references: (p) => [{ path: ['node'], name: p.node, of: 'node' }],
})
