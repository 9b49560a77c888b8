import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { countTest, defineCondition, traceScanner } from './kind'

const params = strict({
  /** The Event's reason: Scheduled, FailedScheduling, SuccessfulCreate, Killing, Started … */
  reason: pattern,
  /** The object it is about, as Kind/name with wildcards: Pod/web, ReplicaSet/web, Pod/web-*. */
  object: pattern.optional(),
  type: z.enum(['Normal', 'Warning']).optional(),
  /** Text the Event's message contains. */
  message: z.string().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

/** Kubernetes Events recorded since the step began (what kubectl get events lists). */
export const event = defineCondition<Params>({
  key: 'event',
  help: 'Kubernetes Events recorded since the step began: reason, object, type, message',
  params,
  describe: (p) =>
    `an Event \`${patternText(p.reason)}\`${p.object !== undefined ? ` for ${patternText(p.object)}` : ''}${p.message !== undefined ? ` says “${p.message}”` : ''}`,
  compile: (p, base) => {
    const scan = traceScanner(base)
    const { test } = countTest(p)
    let seen = 0
    let last = ''
    return (facts) => {
      scan(facts, (e) => {
        if (e.type !== 'KubeEventRecorded' || !matches(p.reason, e.reason)) return
        const object = `${e.about.kind}/${e.about.name}`
        if (p.object !== undefined && !matches(p.object, object)) return
        if (p.type !== undefined && e.eventType !== p.type) return
        if (p.message !== undefined && !e.message.includes(p.message)) return
        seen++
        last = `${e.reason} ${object}: ${e.message}`
      })
      return { met: test(seen), why: last || 'no such Event in this step yet' }
    }
  },
})
