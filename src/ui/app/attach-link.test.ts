import { describe, expect, it } from 'vitest'
import { localSearch, parseAttachLink } from './attach-link'

const PRINTED = 'ws://127.0.0.1:6444/attach?token=0fa1f89101ff800b0f6a4828bcd399f3'

describe('?attach=: the served simulation a page attaches to', () => {
  it('takes the address npm run serve prints, URL-encoded as it prints it', () => {
    expect(parseAttachLink(`?attach=${encodeURIComponent(PRINTED)}`)).toEqual({
      kind: 'attach',
      target: { url: PRINTED, label: '127.0.0.1:6444' },
    })
  })

  it('takes it pasted unencoded, and a token given as its own parameter', () => {
    expect(parseAttachLink(`?attach=${PRINTED}`)).toMatchObject({ target: { url: PRINTED } })
    const split = '?attach=ws://127.0.0.1:6444/attach&token=0fa1f89101ff800b0f6a4828bcd399f3'
    expect(parseAttachLink(split)).toMatchObject({ target: { url: PRINTED } })
  })

  it('names an IPv6 loopback server as host:port', () => {
    expect(parseAttachLink('?attach=ws://[::1]:6444/attach?token=abc')).toMatchObject({
      target: { label: '[::1]:6444' },
    })
  })

  it.each([
    ['nonsense', 'expected the ws:// address npm run serve prints'],
    ['http://127.0.0.1:6444/attach?token=abc', 'expected a ws:// or wss:// address, not http://'],
    ['ws://127.0.0.1:6444/attach', 'the address has no token=…'],
  ])('ignores attach=%s with a warning, and the page runs its own simulation', (raw, why) => {
    const link = parseAttachLink(`?attach=${encodeURIComponent(raw)}`)
    const warning = link.kind === 'bad' ? link.warning : ''
    expect(link.kind).toBe('bad')
    expect(warning).toContain(`Ignored attach=${raw}: ${why}`)
    expect(warning).toMatch(/the page runs its own simulation instead\.$/)
  })

  it('has nothing to do without the parameter', () => {
    expect(parseAttachLink('?seed=3')).toEqual({ kind: 'none' })
  })

  it('leads back to the local simulation with the other settings kept', () => {
    expect(localSearch(`?attach=${encodeURIComponent(PRINTED)}`)).toBe('?play')
    expect(localSearch('?attach=ws://x/attach&token=t&seed=7')).toBe('?seed=7')
  })
})
