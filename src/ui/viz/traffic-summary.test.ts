import { describe, expect, it } from 'vitest'
import type { TrafficRecord } from '../../protocol/records'
import { markServiceLines } from './rules-lines'
import { modeExplanation, trafficBars } from './traffic-summary'

const ok = (pod: string, i: number): TrafficRecord => ({
  runId: 'r',
  index: i,
  atMs: i,
  endpoint: `10.244.1.${i}:80`,
  pod,
  node: 'node-1',
  outcome: 'ok',
  status: 200,
  latencyMs: 2,
})

describe('trafficBars', () => {
  it('counts answers per Pod and failures per kind, with shares of the whole run', () => {
    const results: TrafficRecord[] = [
      ok('web-a', 1),
      ok('web-b', 2),
      ok('web-a', 3),
      {
        runId: 'r',
        index: 4,
        atMs: 4,
        endpoint: '10.244.2.9:80',
        node: 'node-2',
        outcome: 'timeout',
        latencyMs: 2000,
      },
    ]
    expect(trafficBars(results).map((b) => [b.label, b.count, b.share, b.failed])).toEqual([
      ['web-a', 2, 0.5, false],
      ['web-b', 1, 0.25, false],
      ['timed out (no answer in 2 s) — 10.244.2.9:80', 1, 0.25, true],
    ])
  })
})

describe('modeExplanation', () => {
  it('names the cascade of probabilities for iptables and the turn order for IPVS', () => {
    expect(modeExplanation('iptables', 3)).toContain('1/3, then 1/2')
    expect(modeExplanation('ipvs', 3)).toContain('round robin')
    expect(modeExplanation('iptables', 0)).toContain('reject')
  })
})

describe('markServiceLines', () => {
  it('marks a Service’s rules and the chains they jump to, and nothing else', () => {
    const text = [
      ':KUBE-SEP-AAAAAAAAAAAAAAAA - [0:0]',
      ':KUBE-SVC-BBBBBBBBBBBBBBBB - [0:0]',
      '-A KUBE-SEP-AAAAAAAAAAAAAAAA -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.2:80',
      '-A KUBE-SERVICES -d 10.96.9.9/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-BBBBBBBBBBBBBBBB',
      '-A KUBE-SVC-BBBBBBBBBBBBBBBB -m comment --comment "default/web -> 10.244.1.2:80" -j KUBE-SEP-AAAAAAAAAAAAAAAA',
      '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -j KUBE-SVC-NPX46M4PTMTKRN6Y',
    ].join('\n')
    expect(markServiceLines(text, 'default/web', '10.96.9.9').map((l) => l.mine)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ])
  })

  it('marks an IPVS virtual server and its real servers', () => {
    const text =
      'TCP  10.96.0.1:443 rr\n  -> 10.0.0.10:6443               Masq    1      0          0         \nTCP  10.96.9.9:80 rr\n  -> 10.244.1.2:80                Masq    1      0          0         \n'
    expect(markServiceLines(text, 'default/web', '10.96.9.9').map((l) => l.mine)).toEqual([
      false,
      false,
      true,
      true,
    ])
  })
})
