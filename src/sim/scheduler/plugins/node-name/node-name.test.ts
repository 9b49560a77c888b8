import { describe, expect, it } from 'vitest'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { makeNodeInfo, runFilter } from '../../testing/framework-helpers'
import { ERR_REASON, nodeName } from './node-name'

describe('NodeName Filter (node_name_test.go)', () => {
  const cases = [
    { name: 'no host specified', pod: makePod('p').obj(), want: Code.Success },
    { name: 'host matches', pod: makePod('p').node('foo').obj(), want: Code.Success },
    {
      name: "host doesn't match",
      pod: makePod('p').node('bar').obj(),
      want: Code.UnschedulableAndUnresolvable,
    },
  ]
  it.each(cases)('$name', ({ pod, want }) => {
    const s = runFilter(nodeName, pod, makeNodeInfo(makeNode('foo').obj()))
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual({
      code: want,
      reasons: want === Code.Success ? [] : [ERR_REASON],
    })
  })
})
