import { describe, expect, it } from 'vitest'
import { commandHistory, historyStep } from './prompt-history'

describe('the kubectl prompt’s history', () => {
  const history = commandHistory(['get pods', 'get nodes', 'get pods', 'describe pod web'])

  it('keeps each command once, the latest use last', () => {
    expect(history).toEqual(['get nodes', 'get pods', 'describe pod web'])
  })

  it('walks back with up, forward with down, and returns to the line being typed', () => {
    let cursor = { index: -1, draft: '' }
    const lines: string[] = []
    let current = 'get ev'
    for (const direction of [
      'older',
      'older',
      'older',
      'older',
      'newer',
      'newer',
      'newer',
    ] as const) {
      const step = historyStep(history, cursor, current, direction)
      cursor = step.cursor
      current = step.line
      lines.push(step.line)
    }
    expect(lines).toEqual([
      'describe pod web',
      'get pods',
      'get nodes',
      'get nodes',
      'get pods',
      'describe pod web',
      'get ev',
    ])
  })
})
