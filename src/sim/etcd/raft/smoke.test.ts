import { describe, expect, it } from 'vitest'
import { getStatus } from './status'
import { deliverAll, leaders, makeNetwork, proposeAt, raftOf, run } from './testing/network'
import { checkInvariants, makeHistory } from './testing/invariants'

describe('smoke', () => {
  it('elects and commits', () => {
    const net = makeNetwork(3, {}, 7)
    const h = makeHistory()
    for (let i = 0; i < 40; i++) {
      run(net, 1)
      checkInvariants(net, h)
    }
    const l = leaders(net)
    expect(l.length).toBe(1)
    const res = proposeAt(net, l[0]!.id, 'x')
    expect(res.ok).toBe(true)
    deliverAll(net)
    run(net, 2)
    checkInvariants(net, h)
    for (const id of net.ids) expect(getStatus(raftOf(net, id)).commit).toBe(2)
  })
})
