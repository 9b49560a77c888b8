import { z } from 'zod'
import { count, strict } from '../../format/zod-helpers'
import type { Facts } from '../facts'
import { countTest, defineCondition, plural } from './kind'

const params = strict({
  count: count.optional(),
  atLeast: count.optional(),
  /** true: and nothing waits in API Priority and Fairness' queues any more. */
  drained: z.boolean().optional(),
})
type Params = z.infer<typeof params>

const rejectedSoFar = (facts: Facts) =>
  facts.loadMeters().apiServers.reduce((sum, a) => sum + a.tooManyRequests, 0)

/**
 * Requests max-in-flight / API Priority and Fairness rejected with 429 since the step began
 * (counted from the meters at the step's first check), and optionally whether the queues have
 * drained since.
 */
export const throttled = defineCondition<Params>({
  key: 'throttled',
  help: 'requests the API server rejected with 429 Too Many Requests since the step began; drained: queues empty',
  params,
  describe: (p) => {
    const { text } = countTest(p)
    const drained = p.drained === true ? ', and its queues have drained' : ''
    return `the API server rejects ${text} requests with 429${drained}`
  },
  compile: (p) => {
    const { test } = countTest(p)
    let baseline: number | undefined
    return (facts) => {
      const now = rejectedSoFar(facts)
      baseline ??= now
      const rejected = now - baseline
      const queued = facts.loadMeters().apiServers.reduce((sum, a) => sum + a.queued, 0)
      const met = test(rejected) && (p.drained !== true || queued === 0)
      return {
        met,
        why: `${plural(rejected, 'request')} rejected with 429 in this step; ${plural(queued, 'request')} queued now`,
      }
    }
  },
})
