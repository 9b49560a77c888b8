import { z } from 'zod'
import { count, strict } from '../../format/zod-helpers'
import { countTest, defineCondition, plural, traceScanner } from './kind'

const OUTCOMES = ['ok', 'timeout', 'refused', 'reset', 'no-endpoints', 'no-service'] as const

const params = strict({
  /** How the requests ended: ok (answered), timeout, refused … (default ok). */
  outcome: z.enum(OUTCOMES).optional(),
  /** How many different Pods answered them. */
  endpoints: count.optional(),
  /** true: every Pod that answered took the same number (round robin); false: they did not. */
  even: z.boolean().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

/** Requests a client Pod sent to a Service since the step began, and which Pods answered. */
export const traffic = defineCondition<Params>({
  key: 'traffic',
  help: 'requests to a Service since the step began: outcome, how many, how many Pods answered, evenly',
  params,
  describe: (p) => {
    const { text } = countTest(p)
    const spread = p.endpoints !== undefined ? ` by ${plural(p.endpoints, 'Pod')}` : ''
    return `${text} requests ${p.outcome === undefined || p.outcome === 'ok' ? 'answered' : `ended ${p.outcome}`}${spread}${p.even === true ? ', evenly' : p.even === false ? ', unevenly' : ''}`
  },
  compile: (p, base) => {
    const scan = traceScanner(base)
    const { test } = countTest(p)
    const outcome = p.outcome ?? 'ok'
    const perPod = new Map<string, number>()
    let matching = 0
    return (facts) => {
      scan(facts, (e) => {
        if (e.type !== 'TrafficRequestFinished' || e.outcome !== outcome) return
        matching++
        const pod = e.pod ?? (e.endpoint || '(none)')
        perPod.set(pod, (perPod.get(pod) ?? 0) + 1)
      })
      const tallies = [...perPod.values()]
      const met =
        test(matching) &&
        (p.endpoints === undefined || perPod.size === p.endpoints) &&
        (p.even === undefined || tallies.every((n) => n === tallies[0]) === p.even)
      const spread = [...perPod].map(([pod, n]) => `${pod} ${n}`).join(', ')
      return {
        met,
        why:
          matching === 0
            ? `no request ${outcome} in this step yet`
            : `${plural(matching, 'request')} ${outcome}: ${spread}`,
      }
    }
  },
})
