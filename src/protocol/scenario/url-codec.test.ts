import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { strToU8, zlibSync } from 'fflate'
import type { RecordedAction } from '../../sim/index'
import { sampleScenario } from './sample-scenario'
import type { Scenario } from './scenario'
import { decodeScenarioQuery, encodeActions, encodeScenarioQuery } from './url-codec'

const link = (scenario: Scenario) =>
  `https://example.org/kube-viz/?${encodeScenarioQuery(scenario)}`
const decode = (query: string) => decodeScenarioQuery(query)
const refusal = (query: string): string => {
  const result = decode(query)
  if (result.kind !== 'refused') throw new Error(`expected a refusal, got ${result.kind}`)
  return result.error
}
/** A payload the codec's own format would carry, but with whatever content a test wants. */
const rawPayload = (value: unknown): string => {
  const bytes = zlibSync(strToU8(JSON.stringify(value)))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return '1.' + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

describe('scenario links: round trip', () => {
  it('decodes to exactly the scenario it encoded, follow-ups and lesson included', () => {
    const scenario: Scenario = {
      ...sampleScenario(12),
      preVote: false,
      lesson: { id: 'split-brain', step: 3 },
    }
    scenario.actions.push({
      atMs: 40_000,
      action: { type: 'startComponent', id: 'kube-scheduler' },
      scheduledAtMs: 35_000,
    })
    const query = encodeScenarioQuery(scenario)
    expect(query).toMatch(/^seed=42&nodes=3&etcd=3&prevote=0&t=\d+&panel=raft&lesson=split-brain/)
    expect(decode(query)).toEqual({ kind: 'scenario', scenario })
  })

  it('round-trips any well-formed log (property)', () => {
    const action = fc.oneof(
      fc.record({
        type: fc.constant('stopComponent' as const),
        id: fc.constantFrom('etcd-1', 'kube-scheduler'),
      }),
      fc.record({ type: fc.constant('heal' as const) }),
      fc.record({
        type: fc.constant('runKubectl' as const),
        commandId: fc.string({ maxLength: 8 }),
        command: fc.string({ maxLength: 80 }),
      }),
      fc.record({
        type: fc.constant('setLinkLoss' as const),
        a: fc.constant('etcd-1'),
        b: fc.constant('etcd-2'),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    )
    const log = fc.array(fc.tuple(fc.nat(100_000), action), { maxLength: 40 }).map((entries) => {
      let at = 0
      return entries.map(([dt, a]): RecordedAction => ({ atMs: (at += dt), action: a }))
    })
    fc.assert(
      fc.property(log, fc.nat(1_000_000), (actions, timeMs) => {
        const scenario: Scenario = { ...sampleScenario(0), actions, timeMs }
        expect(decode(encodeScenarioQuery(scenario))).toEqual({ kind: 'scenario', scenario })
      }),
      { numRuns: 200 },
    )
  })

  it('is not a scenario link without an action log (a plain deep link)', () => {
    expect(decode('?seed=7&nodes=5')).toEqual({ kind: 'none' })
  })
})

describe('scenario links: size', () => {
  it('fits a 50-action class (ReplicaSets, kubectl, faults) in a link under 2,000 characters', () => {
    // 2,000 characters is the classic safe URL length (old IE, many LMS link fields, chat apps).
    const url = link(sampleScenario(50))
    expect(url.length).toBeLessThan(2_000)
    // Compression matters: the log as plain JSON in the URL would be several times longer.
    const plain = encodeURIComponent(JSON.stringify(sampleScenario(50).actions)).length
    expect(plain / url.length).toBeGreaterThan(4)
  })

  it('uses only URL-safe characters, so it survives copy, paste and chat apps unescaped', () => {
    expect(encodeActions(sampleScenario(50).actions)).toMatch(/^1\.[A-Za-z0-9_-]+$/)
  })
})

describe('scenario links: corrupted or wrong input is refused with a reason', () => {
  const good = encodeScenarioQuery(sampleScenario(10))
  const packed = new URLSearchParams(good).get('actions') ?? ''
  const withActions = (value: string) => {
    const params = new URLSearchParams(good)
    params.set('actions', value)
    return params.toString()
  }

  it('refuses a link cut short', () => {
    expect(refusal(withActions(packed.slice(0, packed.length - 7)))).toMatch(/damaged/)
  })

  it('never misreads a link with any one character changed (the checksum catches it)', () => {
    const original = JSON.stringify(decode(good))
    const outcomes = new Set<string>()
    for (let at = 2; at < packed.length; at++) {
      const c = packed[at] === 'A' ? 'B' : 'A'
      const result = decode(withActions(packed.slice(0, at) + c + packed.slice(at + 1)))
      // Either refused, or (a change in the last character's unused bits) the same scenario.
      outcomes.add(
        result.kind === 'refused'
          ? 'refused'
          : JSON.stringify(result) === original
            ? 'same'
            : 'misread',
      )
    }
    expect(outcomes).not.toContain('misread')
    expect(outcomes).toContain('refused')
  })

  it('refuses characters that are not base64url, and an unknown format version', () => {
    expect(refusal(withActions(packed + '%%'))).toMatch(/damaged/)
    expect(refusal(withActions('2.' + packed.slice(2)))).toMatch(/unknown format/)
  })

  it('refuses an action that is not a SimAction, naming where it is', () => {
    expect(refusal(withActions(rawPayload([[3000, { type: 'rm -rf', id: 'x' }]])))).toMatch(
      /^actions\.0\.action\.type: /,
    )
    expect(
      refusal(withActions(rawPayload([[3000, { type: 'stopComponent', id: 'etcd-1', x: 1 }]]))),
    ).toMatch(/^actions\.0\.action/)
    expect(refusal(withActions(rawPayload({ not: 'a list' })))).toMatch(/not a list/)
  })

  it('refuses bad settings instead of guessing them', () => {
    const params = new URLSearchParams(good)
    params.set('nodes', '99')
    expect(refusal(params.toString())).toMatch(/^nodes: /)
    params.set('nodes', '3')
    params.set('seed', 'abc')
    expect(refusal(params.toString())).toMatch(/^seed: /)
    params.set('seed', '1')
    params.set('panel', '<script>')
    expect(refusal(params.toString())).toMatch(/^panel: /)
  })

  it('refuses a log out of time order', () => {
    const backwards = rawPayload([
      [5000, { type: 'heal' }],
      [-10, { type: 'heal' }],
    ])
    expect(refusal(withActions(backwards))).toMatch(/time order|Invalid value/)
  })
})
