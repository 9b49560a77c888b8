import { duration } from '../../format/zod-helpers'
import { formatDuration } from '../../format/duration'
import { defineCondition } from './kind'

/** Virtual time since the step began: "watch it for 30 s" (nothing else needs to happen). */
export const elapsed = defineCondition<number>({
  key: 'elapsed',
  help: 'virtual time since the step began, e.g. 30s: "keep watching for 30 seconds"',
  params: duration,
  describe: (ms) => `${formatDuration(ms)} of cluster time pass`,
  compile: (ms, base) => (facts) => {
    const passed = facts.nowMs - base.atMs
    return { met: passed >= ms, why: `${formatDuration(Math.max(0, passed))} so far` }
  },
})
