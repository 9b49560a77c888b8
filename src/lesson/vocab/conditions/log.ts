import { z } from 'zod'
import { pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { defineCondition, traceScanner } from './kind'
import { nameReferences } from './component'

const params = strict({
  /** Which component logged it: etcd-*, kube-apiserver, kube-scheduler … */
  component: pattern,
  /** Text the line contains, e.g. "leader failed to send out heartbeat on time". */
  contains: z.string().min(1),
})
type Params = z.infer<typeof params>

/** A line a component logged since the step began (the narration the event log shows). */
export const log = defineCondition<Params>({
  key: 'log',
  help: 'a line a component logged since the step began (etcd warnings, scheduler notes …)',
  params,
  describe: (p) => `${patternText(p.component)} logs “${p.contains}”`,
  compile: (p, base) => {
    const scan = traceScanner(base)
    let found = ''
    return (facts) => {
      scan(facts, (e) => {
        if (found || e.type !== 'Narrated') return
        if (matches(p.component, e.actor) && e.text.includes(p.contains))
          found = `${e.actor}: ${e.text}`
      })
      return { met: found !== '', why: found || 'not logged in this step yet' }
    }
  },
  references: (p) => nameReferences(p.component, 'component', 'component'),
})
