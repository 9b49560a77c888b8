import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { describePod, podQosClass } from './describe-pod'
import { formatRfc1123z } from './describe-writer'
import { makeDescribeCases } from './testdata/describe-cases'
import { NOW_SIM_MS } from './testdata/pod-fixtures'

/** stdout of the real kubectl v1.32 `describe pod` against capture.mts (TZ=UTC). */
const GOLDENS = import.meta.glob<string>('./testdata/describe-*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

describe('describePod against real kubectl v1.32 output', () => {
  it.each(makeDescribeCases().map((c) => [c.id, c] as const))('kubectl %s', (id, testCase) => {
    const golden = GOLDENS[`./testdata/${id}.txt`]
    expect(golden).toBeDefined()
    expect(describePod(testCase.pod, testCase.events, NOW_SIM_MS)).toBe(golden)
  })

  it('omits the Events section for --show-events=false', () => {
    const [web] = makeDescribeCases()
    expect(web && describePod(web.pod, undefined, NOW_SIM_MS)).not.toContain('Events:')
  })
})

describe('formatRfc1123z', () => {
  it('formats like Go time.RFC1123Z in UTC, and Go zero time when unset', () => {
    expect(formatRfc1123z('2025-01-01T00:00:05Z')).toBe('Wed, 01 Jan 2025 00:00:05 +0000')
    expect(formatRfc1123z('2024-02-29T23:59:59Z')).toBe('Thu, 29 Feb 2024 23:59:59 +0000')
    expect(formatRfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000')
  })
})

// ComputePodQOS, staging/src/k8s.io/kubectl/pkg/util/qos/qos.go (v1.32)
describe('podQosClass', () => {
  const pod = (resources: Record<string, Record<string, string>>[]): Pod => ({
    spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) },
  })
  it.each<[string, Pod, string]>([
    ['nothing requested', pod([{}]), 'BestEffort'],
    ['zero requests count as none', pod([{ requests: { cpu: '0' } }]), 'BestEffort'],
    ['requests only', pod([{ requests: { cpu: '100m' } }]), 'Burstable'],
    [
      'limits equal requests for cpu and memory',
      pod([{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } }]),
      'Guaranteed',
    ],
    [
      'limits only (requests default to limits)',
      pod([{ limits: { cpu: '1', memory: '1Gi' } }]),
      'Burstable',
    ],
    [
      'one container without memory limit',
      pod([
        { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
        { limits: { cpu: '1' }, requests: { cpu: '1' } },
      ]),
      'Burstable',
    ],
  ])('%s → %s', (_name, p, qos) => {
    expect(podQosClass(p)).toBe(qos)
  })

  it('prefers status.qosClass', () => {
    expect(podQosClass({ status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed')
  })
})
