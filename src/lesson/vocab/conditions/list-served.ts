import { z } from 'zod'
import { count, strict } from '../../format/zod-helpers'
import { countTest, defineCondition, plural } from './kind'

const params = strict({
  /** Where the API server read the items: etcd (a range per page) or the watch cache. */
  source: z.enum(['etcd', 'watch cache']).optional(),
  /** true: the answer was one page of several (it carried a continue token, or used one). */
  paged: z.boolean().optional(),
  /** The resourceVersion the client asked for: "0" (any, from the cache), "" (consistent). */
  resourceVersion: z.string().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

/**
 * LIST requests kube-apiserver answered since the step began, by where it read them and
 * whether they were pages: its recent-lists meter (the last 12), answered at or after the step's
 * start.
 */
export const listServed = defineCondition<Params>({
  key: 'listServed',
  help: 'LISTs the API server answered since the step began: from etcd or the watch cache, paged, resourceVersion',
  params,
  describe: (p) => {
    const { text } = countTest(p)
    const from =
      p.source !== undefined ? ` from ${p.source === 'etcd' ? 'etcd' : 'the watch cache'}` : ''
    const paged = p.paged === true ? ' in pages' : p.paged === false ? ' in one answer' : ''
    const rv = p.resourceVersion !== undefined ? ` with resourceVersion="${p.resourceVersion}"` : ''
    return `the API server serves ${text} LIST${from}${paged}${rv}`
  },
  compile: (p, base) => {
    const { test } = countTest(p)
    return (facts) => {
      const lists = facts
        .loadMeters()
        .apiServers.flatMap((a) => a.recentLists)
        .filter((l) => l.servedMs >= base.atMs)
      const matching = lists.filter(
        (l) =>
          (p.source === undefined || l.source === p.source) &&
          (p.resourceVersion === undefined || l.resourceVersion === p.resourceVersion) &&
          (p.paged === undefined || (l.continued || l.request.includes('continue=')) === p.paged),
      )
      const last = lists.at(-1)
      return {
        met: test(matching.length),
        why:
          last === undefined
            ? 'no LIST answered in this step yet'
            : `${plural(matching.length, 'matching LIST')}; last: ${last.request} from ${last.source}, ${plural(last.items, 'item')}, ${String(last.bytes)} bytes`,
      }
    }
  },
})
