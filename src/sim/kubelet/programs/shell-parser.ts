/**
 * A small POSIX-sh parser for the scripts people put in `command: ["sh", "-c", "..."]`:
 * simple commands with quotes and redirections, `;` `&&` `||` `|` `&`, newlines, and
 * `while`/`until`, `for … in`, `if … then … else … fi`. It is the front half of the container
 * "process" model (shell-exec.ts runs what it parses, in virtual time). Anything it cannot
 * parse becomes a syntax error, which busybox sh reports and exits 2 for, as the real one does.
 */

/** A word as written: literal text plus whether `$…` expands inside it. */
export interface WordPart {
  text: string
  quote: 'none' | 'single' | 'double'
}
export type Word = WordPart[]

export interface Redirect {
  /** ">" ">>" "<" or ">&" (fd duplication, e.g. `>&2`, `2>&1`). */
  op: '>' | '>>' | '<' | '>&'
  fd: number
  target: string
}

export type ShellNode =
  | { kind: 'cmd'; words: Word[]; redirects: Redirect[]; assigns: [string, Word][] }
  | { kind: 'and' | 'or'; left: ShellNode; right: ShellNode }
  | { kind: 'seq'; items: ShellNode[] }
  | { kind: 'pipe'; parts: ShellNode[] }
  | { kind: 'bg'; node: ShellNode }
  | { kind: 'not'; node: ShellNode }
  | { kind: 'loop'; until: boolean; cond: ShellNode; body: ShellNode }
  | { kind: 'for'; name: string; items: Word[]; body: ShellNode }
  | { kind: 'if'; cond: ShellNode; then: ShellNode; otherwise?: ShellNode }

type Token = { type: 'word'; word: Word; raw: string } | { type: 'op'; op: string }

const OPERATORS = ['&&', '||', ';;', '>>', '>&', ';', '&', '|', '\n', '>', '<', '(', ')']

function readQuoted(src: string, i: number, quote: "'" | '"'): { text: string; end: number } {
  let text = ''
  let j = i + 1
  while (j < src.length && src[j] !== quote) {
    if (
      quote === '"' &&
      src[j] === '\\' &&
      j + 1 < src.length &&
      '"\\$`'.includes(src[j + 1] ?? '')
    ) {
      text += src[j + 1] ?? ''
      j += 2
      continue
    }
    text += src[j] ?? ''
    j++
  }
  if (j >= src.length) throw new SyntaxError(`unterminated quoted string`)
  return { text, end: j + 1 }
}

/** Splits a script into words and operators, as the shell's lexer does. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i] ?? ''
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c === '#' && (i === 0 || /\s/.test(src[i - 1] ?? ' '))) {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2
      continue
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i))
    if (op !== undefined) {
      tokens.push({ type: 'op', op })
      i += op.length
      continue
    }
    const word: Word = []
    const start = i
    while (i < src.length) {
      const ch = src[i] ?? ''
      if (/\s/.test(ch) || OPERATORS.some((o) => o !== '\n' && src.startsWith(o, i))) break
      if (ch === "'" || ch === '"') {
        const { text, end } = readQuoted(src, i, ch)
        word.push({ text, quote: ch === "'" ? 'single' : 'double' })
        i = end
      } else if (ch === '$' && src[i + 1] === '(') {
        let depth = 0
        let j = i + 1
        for (; j < src.length; j++) {
          if (src[j] === '(') depth++
          if (src[j] === ')' && --depth === 0) break
        }
        word.push({ text: src.slice(i, j + 1), quote: 'none' })
        i = j + 1
      } else if (ch === '\\') {
        word.push({ text: src[i + 1] ?? '', quote: 'single' })
        i += 2
      } else {
        word.push({ text: ch, quote: 'none' })
        i++
      }
    }
    tokens.push({ type: 'word', word: mergeParts(word), raw: src.slice(start, i) })
  }
  return tokens
}

function mergeParts(parts: Word): Word {
  const out: Word = []
  for (const part of parts) {
    const last = out[out.length - 1]
    if (last?.quote === part.quote) last.text += part.text
    else out.push({ ...part })
  }
  return out
}

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in'])

class Parser {
  private pos = 0
  private readonly tokens: Token[]
  constructor(tokens: Token[]) {
    this.tokens = tokens
  }

  parse(): ShellNode {
    const node = this.list(new Set())
    if (this.pos < this.tokens.length) throw new SyntaxError(`unexpected ${this.describe()}`)
    return node
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.pos]
    return t?.type === 'word' ? t.raw : undefined
  }

  private peekOp(): string | undefined {
    const t = this.tokens[this.pos]
    return t?.type === 'op' ? t.op : undefined
  }

  private describe(): string {
    const t = this.tokens[this.pos]
    if (!t) return 'end of file'
    return t.type === 'op' ? `"${t.op === '\n' ? 'newline' : t.op}"` : `word "${t.raw}"`
  }

  private expectWord(word: string): void {
    this.skipNewlines()
    if (this.peekWord() !== word)
      throw new SyntaxError(`unexpected ${this.describe()} (expecting "${word}")`)
    this.pos++
  }

  private skipNewlines(): void {
    while (this.peekOp() === '\n' || this.peekOp() === ';') this.pos++
  }

  /** A list of and-or pipelines separated by ; & or newlines, up to a closing keyword. */
  private list(stop: Set<string>): ShellNode {
    const items: ShellNode[] = []
    for (;;) {
      this.skipNewlines()
      const word = this.peekWord()
      if (this.pos >= this.tokens.length || (word !== undefined && stop.has(word))) break
      if (this.peekOp() === ')') break
      let node = this.andOr()
      if (this.peekOp() === '&') {
        this.pos++
        node = { kind: 'bg', node }
      }
      items.push(node)
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'seq', items }
  }

  private andOr(): ShellNode {
    let left = this.pipeline()
    for (let op = this.peekOp(); op === '&&' || op === '||'; op = this.peekOp()) {
      this.pos++
      while (this.peekOp() === '\n') this.pos++
      const right = this.pipeline()
      left = { kind: op === '&&' ? 'and' : 'or', left, right }
    }
    return left
  }

  private pipeline(): ShellNode {
    let negate = false
    if (this.peekWord() === '!') {
      negate = true
      this.pos++
    }
    const parts = [this.command()]
    while (this.peekOp() === '|') {
      this.pos++
      parts.push(this.command())
    }
    const node: ShellNode = parts.length === 1 && parts[0] ? parts[0] : { kind: 'pipe', parts }
    return negate ? { kind: 'not', node } : node
  }

  private command(): ShellNode {
    const word = this.peekWord()
    if (word === 'while' || word === 'until') return this.loop(word === 'until')
    if (word === 'for') return this.forLoop()
    if (word === 'if') return this.ifClause()
    if (this.peekOp() === '(') {
      this.pos++
      const inner = this.list(new Set())
      if (this.peekOp() !== ')')
        throw new SyntaxError(`unexpected ${this.describe()} (expecting ")")`)
      this.pos++
      return inner
    }
    if (word !== undefined && RESERVED.has(word)) throw new SyntaxError(`unexpected word "${word}"`)
    return this.simple()
  }

  private simple(): ShellNode {
    const words: Word[] = []
    const redirects: Redirect[] = []
    const assigns: [string, Word][] = []
    for (;;) {
      const t = this.tokens[this.pos]
      if (!t) break
      if (t.type === 'op' && (t.op === '>' || t.op === '>>' || t.op === '<' || t.op === '>&')) {
        this.pos++
        const target = this.tokens[this.pos]
        if (target?.type !== 'word') throw new SyntaxError(`unexpected ${this.describe()}`)
        this.pos++
        redirects.push({ op: t.op, fd: t.op === '<' ? 0 : 1, target: target.raw })
        continue
      }
      if (t.type !== 'word') break
      const fdRedirect = /^([0-9])$/.exec(t.raw)
      const next = this.tokens[this.pos + 1]
      if (fdRedirect && next?.type === 'op' && ['>', '>>', '>&', '<'].includes(next.op)) {
        const target = this.tokens[this.pos + 2]
        if (target?.type !== 'word') throw new SyntaxError(`unexpected end of file`)
        redirects.push({
          op: next.op as Redirect['op'],
          fd: Number(fdRedirect[1]),
          target: target.raw,
        })
        this.pos += 3
        continue
      }
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw)
      if (words.length === 0 && assign && t.word[0]?.quote === 'none') {
        const name = assign[1] ?? ''
        const first = t.word[0]
        const rest: Word = [
          { ...first, text: first.text.slice(name.length + 1) },
          ...t.word.slice(1),
        ]
        assigns.push([name, rest])
        this.pos++
        continue
      }
      words.push(t.word)
      this.pos++
    }
    if (words.length === 0 && redirects.length === 0 && assigns.length === 0)
      throw new SyntaxError(`unexpected ${this.describe()}`)
    return { kind: 'cmd', words, redirects, assigns }
  }

  private loop(until: boolean): ShellNode {
    this.pos++
    const cond = this.list(new Set(['do']))
    this.expectWord('do')
    const body = this.list(new Set(['done']))
    this.expectWord('done')
    return { kind: 'loop', until, cond, body }
  }

  private forLoop(): ShellNode {
    this.pos++
    const name = this.peekWord()
    if (name === undefined) throw new SyntaxError(`unexpected ${this.describe()}`)
    this.pos++
    const items: Word[] = []
    if (this.peekWord() === 'in') {
      this.pos++
      for (let t = this.tokens[this.pos]; t?.type === 'word'; t = this.tokens[++this.pos])
        items.push(t.word)
    }
    this.expectWord('do')
    const body = this.list(new Set(['done']))
    this.expectWord('done')
    return { kind: 'for', name, items, body }
  }

  private ifClause(): ShellNode {
    this.pos++
    const cond = this.list(new Set(['then']))
    this.expectWord('then')
    const then = this.list(new Set(['else', 'elif', 'fi']))
    this.skipNewlines()
    const word = this.peekWord()
    if (word === 'elif') {
      const otherwise = this.ifClause()
      return { kind: 'if', cond, then, otherwise }
    }
    let otherwise: ShellNode | undefined
    if (word === 'else') {
      this.pos++
      otherwise = this.list(new Set(['fi']))
    }
    this.expectWord('fi')
    return otherwise ? { kind: 'if', cond, then, otherwise } : { kind: 'if', cond, then }
  }
}

/** Parses a script; throws SyntaxError with the shell's wording of what was unexpected. */
export function parseScript(src: string): ShellNode {
  return new Parser(tokenize(src)).parse()
}
