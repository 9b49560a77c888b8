import { describe, expect, it } from 'vitest'
import type { KubeObject, StoreChange } from '../sim/index'
import { ScaleIndex } from './scale-index'

const NODES = 300

const node = (i: number): KubeObject => ({
  metadata: { name: `node-${String(i)}` },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
})

const pod = (i: number, nodeName: string): KubeObject => ({
  metadata: { name: `web-${String(i)}` },
  spec: { nodeName },
  status: { phase: 'Running' },
})

const put = (key: string, object: KubeObject, revision: number): StoreChange => ({
  type: 'PUT',
  key,
  object,
  revision,
})

describe('ScaleIndex.takeChanges', () => {
  it('sends changed nodes within a byte budget, longest waiting first, until all have gone', () => {
    const index = new ScaleIndex(NODES)
    const keys = Array.from({ length: NODES }, (_, i) => `/registry/minions/node-${String(i)}`)
    index.rebuild(
      keys,
      keys.map((_, i) => node(i)),
    )
    index.takeNames(true)
    index.takeChanges()
    // One Pod on every node, then two more on node-0 while the rest wait.
    index.apply(
      Array.from({ length: NODES }, (_, i) =>
        put(`/registry/pods/default/web-${String(i)}`, pod(i, `node-${String(i)}`), i + 1),
      ),
    )
    const seen = new Map<number, number>()
    const takeSome = () => {
      const changed = index.takeChanges(200)
      expect(JSON.stringify(changed).length).toBeLessThanOrEqual(200 + 40)
      changed.index.forEach((n, i) => seen.set(n, changed.pods[i] ?? -1))
      return changed.index.length
    }
    expect(takeSome()).toBeLessThan(NODES)
    index.apply([put('/registry/pods/default/extra-1', pod(1000, 'node-0'), 1000)])
    index.apply([put('/registry/pods/default/extra-2', pod(1001, 'node-0'), 1001)])
    let rounds = 1
    while (takeSome() > 0) rounds++
    expect(rounds).toBeGreaterThan(5)
    expect(seen.size).toBe(NODES)
    expect(seen.get(0)).toBe(3)
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(NODES + 2)
  })
})
