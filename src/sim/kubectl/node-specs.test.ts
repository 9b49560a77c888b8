import type { Taint } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import {
  existingTaintKeys,
  parseLabelSpecs,
  parseTaintSpecs,
  reorganizeTaints,
  taintToString,
} from './node-specs'

const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }
const spot: Taint = { key: 'spot', effect: 'PreferNoSchedule' }

describe('parseTaintSpecs (kubectl taint/utils.go parseTaints)', () => {
  it.each([
    ['dedicated=gpu:NoSchedule', { add: [gpu], remove: [] }],
    ['spot:PreferNoSchedule', { add: [spot], remove: [] }],
    ['dedicated:NoSchedule-', { add: [], remove: [{ key: 'dedicated', effect: 'NoSchedule' }] }],
    ['dedicated-', { add: [], remove: [{ key: 'dedicated' }] }],
    [
      'example.com/gpu=a100:NoExecute',
      { add: [{ key: 'example.com/gpu', value: 'a100', effect: 'NoExecute' }], remove: [] },
    ],
  ])('%s', (spec, expected) => {
    expect(parseTaintSpecs([spec])).toEqual(expected)
  })

  it.each([
    ['a=b:Never', 'invalid taint effect: Never, unsupported taint effect'],
    ['a:b:NoSchedule', 'invalid taint spec: a:b:NoSchedule'],
    ['x:Bad-', 'invalid taint effect: Bad, unsupported taint effect'],
  ])('%s → %s', (spec, error) => {
    expect(parseTaintSpecs([spec])).toBe(error)
  })

  it('rejects the same key and effect twice', () => {
    expect(parseTaintSpecs(['a=1:NoSchedule', 'a=2:NoSchedule'])).toBe(
      'duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}',
    )
  })
})

describe('reorganizeTaints', () => {
  it('puts added taints first and reports tainted / untainted / modified', () => {
    expect(reorganizeTaints([gpu], { add: [spot], remove: [] }, false)).toEqual({
      operation: 'tainted',
      taints: [spot, gpu],
    })
    expect(
      reorganizeTaints([gpu, spot], { add: [], remove: [{ key: 'spot' } as Taint] }, false),
    ).toEqual({
      operation: 'untainted',
      taints: [gpu],
    })
    expect(
      reorganizeTaints([gpu], { add: [spot], remove: [{ key: 'dedicated' } as Taint] }, false),
    ).toEqual({ operation: 'modified', taints: [spot] })
    expect(
      reorganizeTaints([], { add: [], remove: [{ key: 'x', effect: 'NoSchedule' }] }, false),
    ).toBe('taint "x:NoSchedule" not found')
  })

  it('finds the keys an add would overwrite, and prints taints as Taint.ToString', () => {
    expect(existingTaintKeys([gpu], [{ ...gpu, value: 'tpu' }])).toBe('dedicated')
    expect(existingTaintKeys([gpu], [{ ...gpu, effect: 'NoExecute' }])).toBe('')
    expect([gpu, spot, { key: 'k' } as Taint].map(taintToString)).toEqual([
      'dedicated=gpu:NoSchedule',
      'spot:PreferNoSchedule',
      'k',
    ])
  })
})

describe('parseLabelSpecs (kubectl label.go parseLabels)', () => {
  it('sets and removes', () => {
    expect(parseLabelSpecs(['disk=ssd', 'zone-'])).toEqual({
      set: { disk: 'ssd' },
      remove: ['zone'],
    })
  })

  it("rejects bad values with kubectl's message", () => {
    expect(parseLabelSpecs(['disk=bad!value'])).toMatch(
      /^invalid label value: "disk=bad!value": a valid label must be an empty string/,
    )
    expect(parseLabelSpecs(['a=b=c'])).toBe('invalid label spec: a=b=c')
  })
})
