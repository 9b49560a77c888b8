import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { countTest, defineCondition, plural } from './kind'

const params = strict({
  /** An etcd key or wildcard: /registry/pods/default/web, /registry/pods/*. */
  key: pattern,
  exists: z.boolean().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

/** Keys in etcd's keyspace, where the API server stores every object under /registry/. */
export const stored = defineCondition<Params>({
  key: 'stored',
  help: 'keys in etcd (/registry/<resource>/<namespace>/<name>), as etcdctl get --prefix lists them',
  params,
  describe: (p) =>
    p.exists === false
      ? `etcd holds no key \`${patternText(p.key)}\``
      : `etcd holds the key \`${patternText(p.key)}\``,
  compile: (p) => {
    const { test } = countTest(p)
    return (facts) => {
      const keys = facts.keys().filter((k) => matches(p.key, k))
      const shown = keys.slice(0, 3).join(', ')
      const why =
        keys.length === 0
          ? 'no such key in etcd'
          : `${plural(keys.length, 'key')}: ${shown}${keys.length > 3 ? ' …' : ''}`
      return { met: p.exists === false ? keys.length === 0 : test(keys.length), why }
    }
  },
})
