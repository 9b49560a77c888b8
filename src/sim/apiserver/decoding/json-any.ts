/**
 * A (valid) JSON value decoded into interface{}, scanned without recursion: where it ends, the
 * duplicate keys sigs.k8s.io/json's objectInterface reports (with their full paths), and the
 * first number that overflows float64 (convertNumber's error). The value itself comes from
 * JSON.parse, which keeps the last of duplicate keys as Go's map assignment does.
 * Source: objectInterface / convertNumber, internal/golang/encoding/json/decode.go (sigs.k8s.io/json)
 */
export interface AnyScan {
  end: number
  duplicates: string[]
  numberError?: string
}

interface Frame {
  keys: Set<string> | undefined
  /** The strict path of this container: "spec.containers[0]". */
  path: string
  index: number
  key?: string
}

export function scanAny(text: string, start: number, basePath: string): AnyScan {
  const duplicates: string[] = []
  let numberError: string | undefined
  const stack: Frame[] = []
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)
  const childPath = (): string => {
    const top = stack[stack.length - 1]
    if (!top) return basePath
    return top.keys ? join(top.path, top.key ?? '') : `${top.path}[${top.index}]`
  }
  let i = start
  let expectKey = false
  do {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      const end = stringEnd(text, i)
      const top = stack[stack.length - 1]
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, end)) as string
        if (top.keys.has(key)) duplicates.push(join(top.path, key))
        top.keys.add(key)
        top.key = key
        expectKey = false
      }
      i = end
    } else if (c === 0x7b || c === 0x5b) {
      stack.push({ keys: c === 0x7b ? new Set() : undefined, path: childPath(), index: 0 })
      expectKey = c === 0x7b
      i++
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      i++
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1]
      if (top?.keys) expectKey = true
      else if (top) top.index++
      i++
    } else if (c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
    else {
      let end = i
      while (end < text.length && /[\w.+-]/.test(text.charAt(end))) end++
      const literal = text.slice(i, end)
      if (numberError === undefined && /^-?\d/.test(literal) && !Number.isFinite(Number(literal)))
        numberError = literal
      i = end
    }
  } while (stack.length > 0)
  return numberError === undefined ? { end: i, duplicates } : { end: i, duplicates, numberError }
}

/** The index just past the string literal starting at `start`. */
export function stringEnd(text: string, start: number): number {
  let i = start + 1
  for (;;) {
    const c = text.charCodeAt(i)
    if (c === 0x22) return i + 1
    i += c === 0x5c ? 2 : 1
  }
}
