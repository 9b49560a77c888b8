import { z } from 'zod'
import { strict } from '../../format/zod-helpers'
import { defineCondition } from './kind'

const params = strict({
  a: z.string().min(1),
  b: z.string().min(1),
  /** true: the network between them is partitioned. */
  cut: z.boolean(),
})
type Params = z.infer<typeof params>

/** Whether the network between two components (or machines) is cut. */
export const link = defineCondition<Params>({
  key: 'link',
  help: 'whether the network between two components is cut (a partition)',
  params,
  describe: (p) => `the network between ${p.a} and ${p.b} is ${p.cut ? 'cut' : 'up'}`,
  compile: (p) => (facts) => {
    const status = facts.sim.linkStatus(p.a, p.b)
    const loss = status.loss > 0 ? `, losing ${Math.round(status.loss * 100)}%` : ''
    return {
      met: status.blocked === p.cut,
      why: `${p.a} ↔ ${p.b}: ${status.blocked ? 'cut' : 'up'}${loss}`,
    }
  },
  references: (p) => [
    { path: ['a'], name: p.a, of: 'component' },
    { path: ['b'], name: p.b, of: 'component' },
  ],
})
