import { z } from 'zod'
import { pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { defineCondition } from './kind'

const params = strict({
  /** The Pod whose containers to look at (name or wildcard). */
  pod: pattern,
  running: z.boolean(),
})
type Params = z.infer<typeof params>

/**
 * Containers as the nodes' runtimes run them, not as the API reports them: when etcd or the API
 * server is down, this is how a lesson shows that running Pods keep running.
 */
export const containers = defineCondition<Params>({
  key: 'containers',
  help: "whether a Pod's containers run on its node, as the container runtime knows (not the API)",
  params,
  describe: (p) =>
    `the containers of \`${patternText(p.pod)}\` are ${p.running ? 'running on their node' : 'not running'}`,
  compile: (p) => (facts) => {
    const pods = facts.pods().filter((pod) => matches(p.pod, pod.name))
    const uids = new Set(pods.map((pod) => pod.uid))
    const mine = facts.containers().filter((c) => uids.has(c.podUid))
    const running = mine.filter((c) => c.state === 'running' && c.runtimeRunning)
    const where = [...new Set(running.map((c) => c.node))].join(', ')
    const why =
      mine.length === 0
        ? 'no container of it exists on any node'
        : running.length > 0
          ? `${running.length} running on ${where}`
          : `its containers are ${mine.map((c) => c.state).join(', ')}`
    return { met: p.running ? running.length > 0 : running.length === 0, why }
  },
})
