import type { Document } from 'yaml'

/**
 * A YAML syntax error in go-yaml v2's words, as sigs.k8s.io/yaml passes them on
 * (`yaml: line N: did not find expected key`). The `yaml` library finds the same mistakes but
 * names them its own way and at its own position, so each of its error codes is mapped to what
 * go-yaml says for that mistake, at go-yaml's line: a parser error reports the line before
 * the problem (its 0-based mark), a scanner error the problem's own line (yaml.v2 yaml.go
 * parser.fail; messages from scannerc.go and parserc.go). Each mapping was checked against the
 * real kubectl v1.32 (kubectl-client-checks tests); a mistake not mapped keeps the `yaml`
 * library's message.
 */
export function goYamlError(doc: Document.Parsed): string | undefined {
  const errors = doc.errors
  const first = errors[0]
  if (!first) return undefined
  const line = (e: (typeof errors)[number], end = false): number =>
    e.linePos?.[end ? 1 : 0]?.line ?? e.linePos?.[0].line ?? 0
  const multiline = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY')
  const message = first.message.split('\n')[0] ?? first.message
  switch (first.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      // `name: web` followed by a deeper `labels: x`: go-yaml's scanner stops at the second ':'.
      return `yaml: line ${multiline ? line(multiline, true) : line(first)}: mapping values are not allowed in this context`
    case 'MULTILINE_IMPLICIT_KEY':
      // `spec` without its ':' before an indented mapping.
      return `yaml: line ${line(first, true)}: could not find expected ':'`
    case 'TAB_AS_INDENT':
      return `yaml: line ${line(first)}: found character that cannot start any token`
    case 'BAD_INDENT':
      if (message.startsWith('Flow map'))
        return `yaml: line ${line(first) - 1}: did not find expected ',' or '}'`
      if (message.startsWith('Flow sequence'))
        return `yaml: line ${line(first) - 1}: did not find expected ',' or ']'`
      return `yaml: line ${line(first) - 1}: did not find expected key`
    case 'MISSING_CHAR':
      if (message.startsWith('Sequence item without'))
        return `yaml: line ${line(first) - 1}: did not find expected key`
      if (message.startsWith('Missing closing'))
        return `yaml: line ${line(first)}: found unexpected end of stream`
      break
    default:
      break
  }
  return `yaml: line ${line(first)}: ${message.replace(/ at line \d+, column \d+:?$/, '')}`
}
