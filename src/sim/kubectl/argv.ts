/** A command line split into positional arguments and flags, as cobra/pflag would see it. */
export interface ParsedArgs {
  positional: string[]
  /** The last value of each flag. */
  flags: Record<string, string>
  /** Every value of each flag, in order (--from-literal a=1 --from-literal b=2). */
  repeated: Record<string, string[]>
}

/** Splits a shell-like command string; supports single and double quotes. Pure. */
export function tokenize(command: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quote: string | undefined
  let hasToken = false
  for (const ch of command) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
      else current += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      hasToken = true
    } else if (/\s/.test(ch)) {
      if (hasToken) tokens.push(current)
      current = ''
      hasToken = false
    } else {
      current += ch
      hasToken = true
    }
  }
  if (hasToken) tokens.push(current)
  return tokens
}

// Short flags kubectl defines, and whether each takes a value.
const SHORT_FLAGS: Readonly<Record<string, { long: string; takesValue: boolean }>> = {
  n: { long: 'namespace', takesValue: true },
  o: { long: 'output', takesValue: true },
  f: { long: 'filename', takesValue: true },
  l: { long: 'selector', takesValue: true },
  A: { long: 'all-namespaces', takesValue: false },
  r: { long: 'replicas', takesValue: true },
  w: { long: 'watch', takesValue: false },
  c: { long: 'container', takesValue: true },
  q: { long: 'quiet', takesValue: false },
}
const BOOLEAN_LONG_FLAGS = new Set([
  'all-namespaces',
  'show-labels',
  'no-headers',
  'force',
  'now',
  'wait',
  'overwrite',
  'all',
  'ignore-daemonsets',
  'delete-emptydir-data',
  'disable-eviction',
  'watch',
  'list',
  'raw',
  'minify',
  'quiet',
  'server-side',
  'force-conflicts',
  'show-managed-fields',
])

/** Parses tokens after the command name into positionals and flags. Pure. */
export function parseArgs(tokens: readonly string[]): ParsedArgs {
  const positional: string[] = []
  const flags: Record<string, string> = {}
  const repeated: Record<string, string[]> = {}
  const set = (name: string, value: string) => {
    flags[name] = value
    ;(repeated[name] ??= []).push(value)
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    if (token.startsWith('--')) {
      const [name = '', inline] = token.slice(2).split(/=(.*)/s, 2)
      if (inline !== undefined) set(name, inline)
      else if (BOOLEAN_LONG_FLAGS.has(name)) set(name, 'true')
      else set(name, tokens[++i] ?? '')
    } else if (token.startsWith('-') && token.length > 1) {
      const short = SHORT_FLAGS[token.charAt(1)]
      const name = short?.long ?? token.slice(1)
      if (short && !short.takesValue) set(name, 'true')
      else set(name, token.length > 2 ? token.slice(2).replace(/^=/, '') : (tokens[++i] ?? ''))
    } else {
      positional.push(token)
    }
  }
  return { positional, flags, repeated }
}
