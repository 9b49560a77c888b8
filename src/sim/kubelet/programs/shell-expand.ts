import type { Word } from './shell-parser'
import type { ShellState } from './shell-state'
import { DATE_TOKEN } from './timeline'

/** Runs a command substitution; supplied by the interpreter (it needs the executor). */
export type Substitute = (script: string) => string

function variable(state: ShellState, name: string): string {
  if (name === '?') return String(state.status)
  if (name === '$') return '1'
  if (name === 'HOSTNAME') return state.vars.get('HOSTNAME') ?? state.hostname
  if (name === 'RANDOM') return String((state.clockMs * 1103515245 + state.steps * 12345) % 32768)
  return state.vars.get(name) ?? ''
}

/** $((…)): integers with + - * / % and parentheses, variables by name. */
export function arithmetic(state: ShellState, expr: string): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? []
  let pos = 0
  const value = (): number => {
    const t = tokens[pos++] ?? '0'
    if (t === '(') {
      const v = sum()
      pos++
      return v
    }
    if (t === '-') return -value()
    if (/^\d+$/.test(t)) return Number(t)
    return Number(variable(state, t.replace(/^\$/, ''))) || 0
  }
  const product = (): number => {
    let v = value()
    for (let op = tokens[pos]; op === '*' || op === '/' || op === '%'; op = tokens[pos]) {
      pos++
      const r = value()
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r
    }
    return v
  }
  const sum = (): number => {
    let v = product()
    for (let op = tokens[pos]; op === '+' || op === '-'; op = tokens[pos]) {
      pos++
      v = op === '+' ? v + product() : v - product()
    }
    return v
  }
  return sum()
}

/** Expands $NAME, ${NAME}, ${NAME:-default}, $?, $((…)) and $(…) in a text. */
export function expandText(state: ShellState, text: string, substitute: Substitute): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (c !== '$') {
      out += c
      continue
    }
    const rest = text.slice(i + 1)
    const arith = /^\(\((.*?)\)\)/.exec(rest)
    if (arith) {
      out += String(arithmetic(state, arith[1] ?? ''))
      i += arith[0].length
      continue
    }
    if (rest.startsWith('(')) {
      let depth = 0
      let j = 0
      for (; j < rest.length; j++) {
        if (rest[j] === '(') depth++
        if (rest[j] === ')' && --depth === 0) break
      }
      out += substitute(rest.slice(1, j))
      i += j + 1
      continue
    }
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/.exec(rest)
    if (braced) {
      const value = variable(state, braced[1] ?? '')
      out += value === '' && braced[2] !== undefined ? braced[2] : value
      i += braced[0].length
      continue
    }
    const plain = /^([A-Za-z_][A-Za-z0-9_]*|\?|\$)/.exec(rest)
    if (plain) {
      out += variable(state, plain[1] ?? '')
      i += plain[0].length
      continue
    }
    out += '$'
  }
  return out
}

/** Expands one word into fields: quoted parts stay whole, unquoted expansions split on blanks. */
export function expandWord(state: ShellState, word: Word, substitute: Substitute): string[] {
  const fields: string[] = []
  let current: string | undefined
  for (const part of word) {
    if (part.quote === 'single') {
      current = (current ?? '') + part.text
      continue
    }
    const value = expandText(state, part.text, substitute)
    if (part.quote === 'double') {
      current = (current ?? '') + value
      continue
    }
    const pieces = value.split(/[ \t\n]+/)
    pieces.forEach((piece, index) => {
      if (index > 0) {
        if (current !== undefined && current !== '') fields.push(current)
        current = undefined
      }
      if (piece !== '') current = (current ?? '') + piece
    })
  }
  if (current !== undefined) fields.push(current)
  return fields
}

/** Expands every word of a command (the result is argv). */
export function expandWords(state: ShellState, words: Word[], substitute: Substitute): string[] {
  return words.flatMap((w) => expandWord(state, w, substitute))
}

/** `date`'s output for the interpreter's clock is rendered later, at the line's wall time. */
export const DATE_OUTPUT = DATE_TOKEN
