import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode, base64UrlEncode } from './bytes'

describe('base64 as Go encodes and decodes it', () => {
  it('decodes what it encodes, in both alphabets (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10_000 }), (bytes) => {
        for (const [text, alphabet] of [
          [base64Encode(bytes), 'std'],
          [base64UrlEncode(bytes), 'url'],
        ] as const) {
          const back = base64Decode(text, alphabet)
          expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('encodes RFC 4648’s test vectors; the URL alphabet without padding', () => {
    const utf8 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
    expect(
      ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base64Encode(utf8(s))),
    ).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'])
    expect(base64UrlEncode(Uint8Array.from([0xfb, 0xff]))).toBe('-_8')
  })

  it('names the first offending byte as Go does, and skips \\r and \\n', () => {
    expect(base64Decode('Zm9v\r\nYmFy')).toEqual({
      ok: true,
      bytes: Uint8Array.from([102, 111, 111, 98, 97, 114]),
    })
    expect(base64Decode('Zm9v!mFy')).toEqual({
      ok: false,
      error: 'illegal base64 data at input byte 4',
    })
    expect(base64Decode('Zm9vYg=')).toEqual({
      ok: false,
      error: 'illegal base64 data at input byte 4',
    })
    expect(base64Decode('Z===')).toEqual({
      ok: false,
      error: 'illegal base64 data at input byte 1',
    })
    expect(base64Decode('-_8', 'url')).toEqual({ ok: true, bytes: Uint8Array.from([0xfb, 0xff]) })
    expect(base64Decode('-_8')).toEqual({ ok: false, error: 'illegal base64 data at input byte 0' })
  })
})
