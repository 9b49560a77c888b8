import { stringEnd } from './json-any'
import { LONE_SURROGATE } from './go-values'

/**
 * Reading a JSON text that is known to be valid (the syntax was checked first): the position,
 * and the pieces a decoder consumes, without recursion so depth cannot overflow the stack.
 */
export class JsonReader {
  pos = 0
  protected readonly text: string

  constructor(text: string) {
    this.text = text
  }

  protected skipSpace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos)
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return
      this.pos++
    }
  }

  /** Skips one (valid) value without recursion (d.skip); returns its text. */
  protected rawValue(): string {
    this.skipSpace()
    const start = this.pos
    let depth = 0
    do {
      const c = this.text.charCodeAt(this.pos)
      if (c === 0x22) this.pos = stringEnd(this.text, this.pos)
      else if (c === 0x7b || c === 0x5b) {
        depth++
        this.pos++
      } else if (c === 0x7d || c === 0x5d) {
        depth--
        this.pos++
      } else if (c === 0x2c || c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
        this.pos++
      else this.literalText()
    } while (depth > 0)
    return this.text.slice(start, this.pos)
  }

  /** Reads a string literal at pos; returns it unquoted (lone surrogates become U+FFFD). */
  protected string(): string {
    const start = this.pos
    let escaped = false
    let surrogate = false
    let i = start + 1
    for (;;) {
      const c = this.text.charCodeAt(i)
      if (c === 0x22) break
      if (c === 0x5c) {
        escaped = true
        i += 2
      } else {
        if (c >= 0xd800 && c <= 0xdfff) surrogate = true
        i++
      }
    }
    this.pos = i + 1
    if (!escaped && !surrogate) return this.text.slice(start + 1, i)
    const raw = escaped
      ? (JSON.parse(this.text.slice(start, this.pos)) as string)
      : this.text.slice(start + 1, i)
    return /[\ud800-\udfff]/.test(raw) ? raw.replace(LONE_SURROGATE, '\ufffd') : raw
  }

  /** Reads a number, true, false or null at pos. */
  protected literalText(): string {
    const start = this.pos
    for (;;) {
      const c = this.text.charCodeAt(this.pos)
      // Letters of true/false/null, digits, and . + - e E of numbers.
      const literal =
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x30 && c <= 0x39) ||
        c === 0x2e ||
        c === 0x2b ||
        c === 0x2d ||
        c === 0x45
      if (!literal) break
      this.pos++
    }
    return this.text.slice(start, this.pos)
  }
}
