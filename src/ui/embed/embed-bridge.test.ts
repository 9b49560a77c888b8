import { describe, expect, it } from 'vitest'
import type { EmbedCommand } from '../../protocol/embed-api'
import { embedEvent } from '../../protocol/embed-api'
import { EmbedBridge, type BridgeWindow } from './embed-bridge'

const COURSE = 'https://course.example.edu'

function fakeWindow() {
  const posted: { message: unknown; origin: string }[] = []
  let listener: ((event: MessageEvent) => void) | undefined
  const win: BridgeWindow = {
    parent: { postMessage: (message, origin) => posted.push({ message, origin }) },
    addEventListener: (_type, l) => {
      listener = l
    },
    removeEventListener: () => {
      listener = undefined
    },
  }
  const receive = (origin: string, data: unknown) => {
    listener?.({ origin, data } as MessageEvent)
  }
  return { win, posted, receive }
}

describe('the embed’s end of the postMessage API', () => {
  it('obeys a trusted origin’s commands, ignores everyone else’s', () => {
    const { win, receive } = fakeWindow()
    const obeyed: EmbedCommand[] = []
    new EmbedBridge(win, [COURSE], (c) => obeyed.push(c))
    receive(COURSE, { protocol: 'kube-viz', version: 1, type: 'pause' })
    receive('https://evil.example', { protocol: 'kube-viz', version: 1, type: 'play' })
    receive(COURSE, { protocol: 'kube-viz', version: 1, type: 'seek', timeMs: 'soon' })
    receive(COURSE, { hello: 'from another widget' })
    expect(obeyed.map((c) => c.type)).toEqual(['pause'])
  })

  it('says ready to any parent (for sizing), and again when a trusted host says hello', () => {
    const { win, posted, receive } = fakeWindow()
    const bridge = new EmbedBridge(win, [COURSE], () => undefined)
    bridge.ready({ lesson: 'split-brain', step: 1 })
    receive(COURSE, { protocol: 'kube-viz', version: 1, type: 'hello' })
    expect(posted.map((p) => [p.origin, (p.message as { type: string }).type])).toEqual([
      ['*', 'ready'],
      ['*', 'ready'],
    ])
  })

  it('sends lesson events only to trusted origins', () => {
    const { win, posted } = fakeWindow()
    const bridge = new EmbedBridge(win, [COURSE, 'http://127.0.0.1:5291'], () => undefined)
    bridge.post(embedEvent('stepChanged', { lesson: 'split-brain', step: 2 }))
    bridge.post(embedEvent('resized', { height: 500, width: 800 }))
    expect(posted.map((p) => p.origin)).toEqual([COURSE, 'http://127.0.0.1:5291', '*'])
  })

  it('posts nothing when the page is not in a frame', () => {
    const { win, posted } = fakeWindow()
    const top = { ...win }
    top.parent = top as unknown as BridgeWindow['parent']
    new EmbedBridge(top, [COURSE], () => undefined).ready({})
    expect(posted).toEqual([])
  })
})
