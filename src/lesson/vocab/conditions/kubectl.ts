import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { countTest, defineCondition, traceScanner } from './kind'

const params = strict({
  /** The command line without "kubectl", with wildcards: "apply *", "get pods*", "delete pod *". */
  command: pattern.optional(),
  /** true: exit code 0; false: any failure. */
  succeeded: z.boolean().optional(),
  /** Text the output (stdout and stderr) contains, e.g. "etcdserver: request timed out". */
  output: z.string().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

/** kubectl runs that finished since the step began: by command, exit status and output. */
export const kubectl = defineCondition<Params>({
  key: 'kubectl',
  help: 'kubectl commands finished since the step began: command, success or failure, output text',
  params,
  describe: (p) => {
    const command =
      p.command !== undefined ? `\`kubectl ${patternText(p.command)}\`` : 'a kubectl command'
    const outcome = p.succeeded === true ? ' succeeds' : p.succeeded === false ? ' fails' : ' runs'
    const output = p.output !== undefined ? ` with “${p.output}”` : ''
    return `${command}${outcome}${output}`
  },
  compile: (p, base) => {
    const scan = traceScanner(base)
    const { test } = countTest(p)
    let seen = 0
    let last = ''
    return (facts) => {
      scan(facts, (e) => {
        if (e.type !== 'KubectlFinished') return
        const line = (facts.commandOf(e.commandId) ?? '').replace(/^kubectl\s+/, '')
        if (p.command !== undefined && !matches(p.command, line)) return
        last = `kubectl ${line} → exit ${e.exitCode}: ${e.output.split('\n')[0] ?? ''}`
        if (p.succeeded !== undefined && (e.exitCode === 0) !== p.succeeded) return
        if (p.output !== undefined && !e.output.includes(p.output)) return
        seen++
      })
      return { met: test(seen), why: last || 'no such kubectl command has finished in this step' }
    }
  },
})
