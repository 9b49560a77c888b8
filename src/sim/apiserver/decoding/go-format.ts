/**
 * Go's fmt for the values a decoded patch holds (map[string]interface{} with string, bool,
 * int64, float64, []interface{} and nil), as the API server prints them in a patch error:
 * fmt.Sprintf("%+v", patchMap) and the %q of field.Invalid's bad value.
 * Sources: fmt/print.go printValue (maps sorted by key since Go 1.12), strconv/ftoa.go %g with
 * shortest precision, strconv/quote.go Quote (Go 1.23).
 */
export function goSprintV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'
  if (Array.isArray(value)) return `[${value.map(goSprintV).join(' ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `map[${entries.map(([k, v]) => `${k}:${goSprintV(v)}`).join(' ')}]`
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value)
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** %v of a float64: %g with the shortest digits, exponent form when exp < -4 || exp >= 6. */
export function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : Number.isNaN(value) ? 'NaN' : '-Inf'
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  // ftoa.go: "if precision was the shortest possible, use precision 6 for this decision".
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  return value.toFixed(Math.max(0, (mantissa.split('.')[1] ?? '').length - exponent))
}

/** strconv.Quote: printable runes kept, the rest escaped as Go does. */
export function goQuote(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '"' || char === '\\') out += `\\${char}`
    else if (code === 0x07) out += '\\a'
    else if (code === 0x08) out += '\\b'
    else if (code === 0x0c) out += '\\f'
    else if (code === 0x0a) out += '\\n'
    else if (code === 0x0d) out += '\\r'
    else if (code === 0x09) out += '\\t'
    else if (code === 0x0b) out += '\\v'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else if (!isPrint(code))
      out +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`
    else out += char
  }
  return `${out}"`
}

/** strconv.IsPrint, approximated by Unicode categories: letters, marks, numbers, punctuation, symbols, and U+0020. */
function isPrint(code: number): boolean {
  if (code === 0xfffd) return true
  return code === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(code))
}
