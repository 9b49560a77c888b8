import { describe, expect, it } from 'vitest'
import {
  acceptCommand,
  EMBED_COMMANDS,
  embedEvent,
  parseEmbedCommand,
  parseTrustedOrigins,
} from './embed-api'

const cmd = (body: Record<string, unknown>) => ({ protocol: 'kube-viz', version: 1, ...body })
const COURSE = 'https://course.example.edu'

describe('embed API: commands are validated', () => {
  it.each([
    [{ type: 'play' }],
    [{ type: 'pause' }],
    [{ type: 'hello' }],
    [{ type: 'seek', timeMs: 12_500 }],
    [{ type: 'setSpeed', speed: 4 }],
    [{ type: 'goToStep', lesson: 'split-brain', step: 2 }],
    [{ type: 'goToStep', step: 3 }],
    [{ type: 'kubectl', command: 'get pods -o wide' }],
    [{ type: 'injectFault', preset: 'kill-etcd-leader' }],
    [
      {
        type: 'injectFault',
        fault: { kind: 'stop', target: 'kube-scheduler', healAfterMs: 10_000 },
      },
    ],
    [{ type: 'injectFault', action: { type: 'stopComponent', id: 'etcd-2' } }],
    [{ type: 'healAll' }],
  ])('accepts %j', (body) => {
    expect(parseEmbedCommand(cmd(body))).toMatchObject(body)
  })

  it.each([
    ['no envelope', { type: 'play' }],
    ['another protocol', { protocol: 'other-widget', version: 1, type: 'play' }],
    ['a future major version', { ...cmd({ type: 'play' }), version: 2 }],
    ['an unknown command', cmd({ type: 'reboot' })],
    ['a seek to a negative time', cmd({ type: 'seek', timeMs: -1 })],
    ['a seek to NaN', cmd({ type: 'seek', timeMs: Number.NaN })],
    ['a speed beyond 64x', cmd({ type: 'setSpeed', speed: 1_000 })],
    ['a step that is not a whole number', cmd({ type: 'goToStep', step: 1.5 })],
    ['a lesson id with a path in it', cmd({ type: 'goToStep', lesson: '../x', step: 1 })],
    ['an empty kubectl command', cmd({ type: 'kubectl', command: '' })],
    ['a fault with no fault', cmd({ type: 'injectFault' })],
    [
      'a fault given twice',
      cmd({ type: 'injectFault', preset: 'split-brain', action: { type: 'heal' } }),
    ],
    ['a SimAction that is not one', cmd({ type: 'injectFault', action: { type: 'rm' } })],
    ['a string', 'play'],
    ['null', null],
    ['a number', 42],
  ])('ignores %s', (_name, data) => {
    expect(parseEmbedCommand(data)).toBeUndefined()
  })

  it('lists every command in the ready event, for feature detection', () => {
    expect(EMBED_COMMANDS).toEqual([
      'hello',
      'play',
      'pause',
      'seek',
      'setSpeed',
      'goToStep',
      'kubectl',
      'injectFault',
      'healAll',
    ])
    expect(embedEvent('ready', { commands: EMBED_COMMANDS })).toMatchObject({
      protocol: 'kube-viz',
      version: 1,
      type: 'ready',
    })
  })
})

describe('embed API: origins', () => {
  it('trusts exact origins only, normalised, from a repeated or comma-separated parameter', () => {
    expect(
      parseTrustedOrigins([
        'https://course.example.edu/, http://127.0.0.1:5291',
        'HTTPS://Docs.Example.org',
        '*',
        'https://*.example.com',
        'javascript:alert(1)',
        'https://course.example.edu/path',
        'null',
      ]),
    ).toEqual([COURSE, 'http://127.0.0.1:5291', 'https://docs.example.org'])
  })

  it('obeys a valid command from a trusted origin only', () => {
    const play = cmd({ type: 'play' })
    expect(acceptCommand({ origin: COURSE, data: play }, [COURSE])).toEqual(play)
    expect(acceptCommand({ origin: 'https://evil.example', data: play }, [COURSE])).toBeUndefined()
    expect(acceptCommand({ origin: 'null', data: play }, ['null'])).toBeUndefined()
    expect(acceptCommand({ origin: COURSE, data: play }, [])).toBeUndefined()
    expect(acceptCommand({ origin: COURSE, data: { type: 'play' } }, [COURSE])).toBeUndefined()
  })
})
