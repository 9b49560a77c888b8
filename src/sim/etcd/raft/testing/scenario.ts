/**
 * A tiny interaction DSL over the test network, after etcd-io/raft interaction_test.go and
 * rafttest/interaction_env_handler_*.go: one command per line, and the output (messages
 * delivered, etcd log lines, status) is compared with a golden file. Lessons can reuse it.
 *
 *   cluster 3 preVote=true checkQuorum=true seed=1   new network (options as in RaftConfig)
 *   tick <id|all> [n]          campaign <id>          propose <id> <data>
 *   read-index <id> <ctx>      transfer-leader <id>   stabilize [max]
 *   isolate <id>               partition a,b|c        heal
 *   crash <id>                 restart <id>           status
 */
import { campaign, transferLeader } from '../rawnode'
import { getStatus } from '../status'
import type { Entry, Message } from '../types'
import {
  crash,
  deliver,
  heal,
  isolate,
  liveRaft,
  makeNetwork,
  partition,
  processReady,
  proposeAt,
  readIndexAt,
  restart,
  tickMember,
} from './network'
import type { Network } from './network'

function describeEntry(e: Entry): string {
  return `${e.term}/${e.index} ${e.type}${e.data === null ? '' : ` ${JSON.stringify(e.data)}`}`
}

/** DescribeMessage, raft/util.go (etcd v3.5), with member names. */
export function describeMessage(m: Message): string {
  let s = `${m.from}->${m.to} ${m.type} Term:${m.term} Log:${m.logTerm}/${m.index}`
  if (m.reject) s += ` Rejected (Hint: ${m.rejectHint})`
  if (m.commit !== 0) s += ` Commit:${m.commit}`
  if (m.entries.length > 0) s += ` Entries:[${m.entries.map(describeEntry).join(', ')}]`
  if (m.context !== '') s += ` Context:${m.context}`
  if (m.snapshot !== undefined) {
    const md = m.snapshot.metadata
    s += ` Snapshot: Index:${md.index} Term:${md.term} Voters:[${md.confState.voters.join(',')}]`
  }
  return s
}

function parseOptions(words: string[]): Record<string, number | boolean> {
  const opts: Record<string, number | boolean> = {}
  for (const w of words) {
    const [k, v] = w.split('=') as [string, string | undefined]
    opts[k] = v === 'true' ? true : v === 'false' ? false : Number(v)
  }
  return opts
}

function flushEvents(net: Network, out: string[]): void {
  for (const e of net.events) out.push(`  ${e}`)
  net.events = []
}

function stabilize(net: Network, out: string[], max: number): void {
  for (let i = 0; i < max && net.inFlight.length > 0; i++) {
    const m = net.inFlight[0] as Message
    out.push(`  > ${describeMessage(m)}`)
    deliver(net, 0)
    flushEvents(net, out)
  }
}

function status(net: Network, out: string[]): void {
  for (const id of net.ids) {
    const r = liveRaft(net, id)
    if (r === undefined) {
      out.push(`  ${id}: down`)
      continue
    }
    const s = getStatus(r)
    const log = s.log.map((e) => `${e.term}/${e.index}`).join(' ')
    out.push(
      `  ${id}: ${s.role} term=${s.term} vote=${s.vote || '-'} lead=${s.leader || '-'} commit=${s.commit} applied=${s.applied} log=[${log}]`,
    )
  }
}

type Handler = (net: Network, args: string[], out: string[]) => void

const HANDLERS: Record<string, Handler> = {
  tick: (net, [who = 'all', n = '1']) => {
    for (let i = 0; i < Number(n); i++) {
      for (const id of who === 'all' ? net.ids : [who]) tickMember(net, id)
    }
  },
  campaign: (net, [id = '']) => {
    const r = liveRaft(net, id)
    if (r !== undefined) campaign(r)
    processReady(net, id)
  },
  propose: (net, [id = '', data = ''], out) => {
    const res = proposeAt(net, id, data)
    if (!res.ok) out.push(`  error: ${res.error}`)
  },
  'read-index': (net, [id = '', ctx = ''], out) => {
    const res = readIndexAt(net, id, ctx)
    if (!res.ok) out.push(`  error: ${res.error}`)
  },
  'transfer-leader': (net, [id = '']) => {
    const leader = net.ids.map((x) => liveRaft(net, x)).find((r) => r?.role === 'leader')
    if (leader === undefined) return
    transferLeader(leader, id)
    processReady(net, leader.id)
  },
  stabilize: (net, [max = '1000'], out) => {
    stabilize(net, out, Number(max))
  },
  isolate: (net, [id = '']) => {
    isolate(net, id)
  },
  partition: (net, args) => {
    partition(
      net,
      args
        .join('')
        .split('|')
        .map((g) => g.split(',')),
    )
  },
  heal: (net) => {
    heal(net)
  },
  crash: (net, [id = '']) => {
    crash(net, id)
  },
  restart: (net, [id = '']) => {
    restart(net, id)
  },
  status: (net, _args, out) => {
    status(net, out)
  },
}

/** Runs a scenario; returns the commands with their output, ready for a golden file. */
export function runScenario(text: string): string {
  const out: string[] = []
  let net: Network | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) {
      out.push(raw)
      continue
    }
    const [cmd = '', ...args] = line.split(/\s+/)
    out.push(line)
    if (cmd === 'cluster') {
      const { seed = 1, ...config } = parseOptions(args.slice(1))
      net = makeNetwork(Number(args[0]), config, Number(seed))
      net.traceEvents = true
      continue
    }
    const handler = HANDLERS[cmd]
    if (net === undefined || handler === undefined) throw new Error(`bad command: ${line}`)
    handler(net, args, out)
    flushEvents(net, out)
  }
  return out.join('\n')
}
