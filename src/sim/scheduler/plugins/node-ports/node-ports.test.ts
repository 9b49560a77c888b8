import { describe, expect, it } from 'vitest'
import { newCycleState } from '../../framework/cycle-state'
import { Code } from '../../framework/status'
import { makeNode, makePod } from '../../testing/builders'
import { makeNodeInfo, runFilter } from '../../testing/framework-helpers'
import { ERR_REASON, nodePorts } from './node-ports'

const node = (...pods: ReturnType<ReturnType<typeof makePod>['obj']>[]) =>
  makeNodeInfo(makeNode('n1').capacity({ pods: 10 }).obj(), ...pods)

describe('NodePorts Filter (node_ports_test.go)', () => {
  const cases = [
    {
      name: 'same udp port',
      pod: makePod('p').hostPort(8080, 'UDP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8080, 'UDP', '127.0.0.1').obj()],
      fits: false,
    },
    {
      name: 'same tcp port',
      pod: makePod('p').hostPort(8080, 'TCP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8080, 'TCP', '127.0.0.1').obj()],
      fits: false,
    },
    {
      name: 'different host ip',
      pod: makePod('p').hostPort(8080, 'TCP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8080, 'TCP', '127.0.0.2').obj()],
      fits: true,
    },
    {
      name: 'different protocol',
      pod: makePod('p').hostPort(8080, 'UDP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8080, 'TCP', '127.0.0.1').obj()],
      fits: true,
    },
    {
      name: 'first tcp port conflict due to 0.0.0.0 hostIP',
      pod: makePod('p').hostPort(8001, 'TCP', '0.0.0.0').obj(),
      used: [makePod('u').hostPort(8001, 'TCP', '127.0.0.1').obj()],
      fits: false,
    },
    {
      name: 'second tcp port conflict to 0.0.0.0 hostIP',
      pod: makePod('p').hostPort(8001, 'TCP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8001, 'TCP', '0.0.0.0').obj()],
      fits: false,
    },
    {
      name: 'second different protocol',
      pod: makePod('p').hostPort(8001, 'UDP', '127.0.0.1').obj(),
      used: [makePod('u').hostPort(8001, 'TCP', '0.0.0.0').obj()],
      fits: true,
    },
  ]
  it.each(cases)('$name', ({ pod, used, fits }) => {
    const s = runFilter(nodePorts, pod, node(...used))
    const want = fits
      ? { code: Code.Success, reasons: [] }
      : { code: Code.Unschedulable, reasons: [ERR_REASON] }
    expect({ code: s.code, reasons: [...s.reasons] }).toEqual(want)
  })

  it('PreFilter skips a pod without host ports', () => {
    expect(
      nodePorts.preFilter(newCycleState(), makePod('p').req({ cpu: '1' }).obj()).status.code,
    ).toBe(Code.Skip)
  })
})
