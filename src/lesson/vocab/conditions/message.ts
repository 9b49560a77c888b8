import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import type { SimEvent } from '../../../sim/index'
import { countTest, defineCondition, traceScanner, type Check } from './kind'
import { nameReferences } from './component'
import type { Facts, StepBaseline } from '../facts'

const params = strict({
  from: pattern.optional(),
  to: pattern.optional(),
  /** The message's label with wildcards: "POST *", "watch ADDED Pod *", "MsgVote". */
  label: pattern.optional(),
  /** The course's request-flow step (1–6) the message belongs to. */
  step: z.number().int().min(1).max(6).optional(),
  /** The Pod the message is about. */
  about: pattern.optional(),
  /** false: counts when sent; true (default): when it arrived (a lost message never does). */
  delivered: z.boolean().optional(),
  /** Every matching message must come from one of these (e.g. only the API server talks to etcd). */
  onlyFrom: pattern.optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>
type Sent = Extract<SimEvent, { type: 'MessageSent' }>

// Messages in flight when the step began count too: a step that starts as one hop ends must
// see that hop arrive. Looking back this far covers every latency the network models.
const LOOKBACK_MS = 10_000

function matchesMessage(p: Params, e: Sent): boolean {
  return (
    (p.from === undefined || matches(p.from, e.from)) &&
    (p.to === undefined || matches(p.to, e.to)) &&
    (p.label === undefined || matches(p.label, e.label)) &&
    (p.step === undefined || e.step === p.step) &&
    (p.about === undefined || (e.about !== undefined && matches(p.about, e.about.name)))
  )
}

function inFlightAtStart(facts: Facts, base: StepBaseline, p: Params): Sent[] {
  const found: Sent[] = []
  const { trace, traceStart } = facts
  for (let i = Math.min(base.traceLength - traceStart, trace.length) - 1; i >= 0; i--) {
    const e = trace[i]
    if (!e || e.atMs < base.atMs - LOOKBACK_MS) break
    if (e.type === 'MessageSent' && e.deliverAtMs > base.atMs && matchesMessage(p, e)) found.push(e)
  }
  return found.reverse()
}

function compile(p: Params, base: StepBaseline): Check {
  const scan = traceScanner(base)
  const { test } = countTest(p)
  const wantDelivery = p.delivered !== false
  let pending: Sent[] | undefined
  const lost = new Set<number>()
  let counted = 0
  let stranger: Sent | undefined
  let last: Sent | undefined
  return (facts) => {
    pending ??= inFlightAtStart(facts, base, p)
    scan(facts, (e) => {
      if (e.type === 'MessageDropped') lost.add(e.id)
      if (e.type === 'MessageSent' && matchesMessage(p, e)) pending?.push(e)
    })
    pending = pending.filter((e) => {
      if (wantDelivery && lost.has(e.id)) return false
      if (wantDelivery && e.deliverAtMs > facts.nowMs) return true
      counted++
      last = e
      if (p.onlyFrom !== undefined && !matches(p.onlyFrom, e.from)) stranger ??= e
      return false
    })
    if (stranger)
      return { met: false, why: `${stranger.from} sent “${stranger.label}” to ${stranger.to}` }
    const why = last
      ? `${counted} so far; latest: ${last.from} → ${last.to} “${last.label}”`
      : `none ${wantDelivery ? 'arrived' : 'sent'} yet in this step`
    return { met: test(counted), why }
  }
}

/** Messages on the simulated network: who sent what to whom, and when it arrived. */
export const message = defineCondition<Params>({
  key: 'message',
  help: 'messages on the network since the step began: from, to, label, flow step, arrival',
  params,
  describe: (p) => {
    const parts = ['a message']
    if (p.label !== undefined) parts.push(`“${patternText(p.label)}”`)
    if (p.from !== undefined) parts.push(`from ${patternText(p.from)}`)
    if (p.to !== undefined)
      parts.push(`${p.delivered === false ? 'sent to' : 'reaches'} ${patternText(p.to)}`)
    else parts.push(p.delivered === false ? 'is sent' : 'arrives')
    if (p.onlyFrom !== undefined)
      parts.push(`(and every one comes from ${patternText(p.onlyFrom)})`)
    return parts.join(' ')
  },
  compile,
  references: (p) => [
    ...nameReferences(p.from, 'from', 'component'),
    ...nameReferences(p.to, 'to', 'component'),
    ...nameReferences(p.onlyFrom, 'onlyFrom', 'component'),
  ],
})
