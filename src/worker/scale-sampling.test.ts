import { describe, expect, it } from 'vitest'
import type { NarrationRecord } from '../protocol/records'
import { MAX_SCALE_LINES_PER_VOICE, sampleNarration } from './scale-sampling'

const line = (seq: number, actor: string): NarrationRecord => ({
  seq,
  atMs: seq,
  actor,
  text: `${actor} line ${String(seq)}`,
})

describe('sampleNarration (scale mode)', () => {
  it("keeps each voice's newest lines, so a rare voice is never drowned by the chatty ones", () => {
    const chatty = Array.from({ length: 200 }, (_, i) =>
      line(i, i % 2 ? `kubelet/node-${String(i)}` : 'kube-apiserver'),
    )
    const lines = [
      ...chatty.slice(0, 100),
      line(1000, 'node-lifecycle-controller'),
      ...chatty.slice(100),
    ]
    const kept = sampleNarration(lines)
    expect(kept.filter((l) => l.actor === 'node-lifecycle-controller')).toHaveLength(1)
    expect(kept.filter((l) => l.actor === 'kube-apiserver')).toHaveLength(MAX_SCALE_LINES_PER_VOICE)
    // Every kubelet is one voice: kubelet/node-#.
    expect(kept.filter((l) => l.actor.startsWith('kubelet/'))).toHaveLength(
      MAX_SCALE_LINES_PER_VOICE,
    )
    // The newest of each, in their order.
    const positions = kept.map((l) => lines.indexOf(l))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(kept.at(-1)?.seq).toBe(199)
  })

  it('leaves a quiet frame as it is', () => {
    const lines = [line(1, 'you'), line(2, 'kube-scheduler')]
    expect(sampleNarration(lines)).toBe(lines)
  })
})
