import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import type { EtcdClusterView } from '../../../sim/index'
import type { StepBaseline } from '../facts'
import { defineCondition, type Verdict } from './kind'
import { nameReferences } from './component'

const params = strict({
  /** true: some running member leads; false: none does (no quorum, or all stopped). */
  hasLeader: z.boolean().optional(),
  /** The leader is this member (or one of these). */
  leader: pattern.optional(),
  /** A leader other than the one this step began with. */
  newLeader: z.boolean().optional(),
  /** The highest term is at least this many above the step's start ("elections churn"). */
  termsPassed: count.optional(),
  /** Voting members, quorum (N/2+1) and failures tolerated (N − quorum). */
  members: count.optional(),
  quorum: count.optional(),
  tolerates: count.optional(),
  /** Every running member follows the same leader in the same term. */
  agreed: z.boolean().optional(),
})
type Params = z.infer<typeof params>

interface Summary {
  leader: string
  term: number
  running: number
}

function summarize(etcd: EtcdClusterView): Summary {
  const running = etcd.members.filter((m) => m.running && !m.removed)
  const leader = running.find((m) => m.role === 'leader')
  return {
    leader: leader?.id ?? '',
    term: Math.max(0, ...etcd.members.map((m) => m.term)),
    running: running.length,
  }
}

function agreement(etcd: EtcdClusterView): boolean {
  const running = etcd.members.filter((m) => m.running && !m.removed)
  const first = running[0]
  return (
    first !== undefined &&
    first.leader !== '' &&
    running.every((m) => m.leader === first.leader && m.term === first.term)
  )
}

function checks(p: Params, etcd: EtcdClusterView, base: StepBaseline): [boolean, string][] {
  const s = summarize(etcd)
  const out: [boolean, string][] = []
  const leads = s.leader ? `${s.leader} leads term ${s.term}` : `no leader (term ${s.term})`
  if (p.hasLeader !== undefined) out.push([(s.leader !== '') === p.hasLeader, leads])
  if (p.leader !== undefined) out.push([s.leader !== '' && matches(p.leader, s.leader), leads])
  if (p.newLeader !== undefined)
    out.push([
      (s.leader !== '' && s.leader !== base.etcdLeader) === p.newLeader,
      `${leads}; the step began with ${base.etcdLeader || 'no leader'} in term ${base.etcdTerm}`,
    ])
  if (p.termsPassed !== undefined)
    out.push([
      s.term - base.etcdTerm >= p.termsPassed,
      `term ${s.term}, ${s.term - base.etcdTerm} above the step's start (${base.etcdTerm})`,
    ])
  const voters = etcd.voters.length
  if (p.members !== undefined) out.push([voters === p.members, `${voters} voting members`])
  if (p.quorum !== undefined) out.push([etcd.quorum === p.quorum, `quorum ${etcd.quorum}`])
  if (p.tolerates !== undefined)
    out.push([etcd.tolerates === p.tolerates, `tolerates ${etcd.tolerates} failure(s)`])
  if (p.agreed !== undefined)
    out.push([agreement(etcd) === p.agreed, agreement(etcd) ? `all follow ${s.leader}` : leads])
  return out
}

function describe(p: Params): string {
  const parts: string[] = []
  if (p.hasLeader === true) parts.push('etcd has a leader')
  if (p.hasLeader === false) parts.push('etcd has no leader')
  if (p.leader !== undefined) parts.push(`\`${patternText(p.leader)}\` leads etcd`)
  if (p.newLeader === true) parts.push('etcd has a new leader')
  if (p.termsPassed !== undefined)
    parts.push(`etcd's term rose by at least ${p.termsPassed} (elections happened)`)
  if (p.members !== undefined) parts.push(`etcd has ${p.members} members`)
  if (p.quorum !== undefined) parts.push(`the quorum is ${p.quorum}`)
  if (p.tolerates !== undefined) parts.push(`it tolerates ${p.tolerates} failure(s)`)
  if (p.agreed === true) parts.push('every running member follows the same leader')
  return parts.join(', ') || 'etcd is up'
}

/** etcd's Raft state: leader, term (against the step's start), membership and quorum. */
export const etcd = defineCondition<Params>({
  key: 'etcd',
  help: "etcd's Raft state: leader, term since the step began, members, quorum, failures tolerated",
  params,
  describe,
  compile:
    (p, base) =>
    (facts): Verdict => {
      const results = checks(p, facts.etcd(), base)
      const failing = results.find(([ok]) => !ok)
      return {
        met: results.every(([ok]) => ok),
        why: (failing ?? results[0] ?? [true, ''])[1],
      }
    },
  references: (p) => nameReferences(p.leader, 'leader', 'member'),
})
