import { isMap, isNode, isScalar, type Document } from 'yaml'
import type { z } from 'zod'
import { QUOTE_HINT, type Problem, type SourceMap, type YamlSource } from './parse-file'

/** `steps[2].goals[0].etcd.leader` from ['steps', 2, 'goals', 0, 'etcd', 'leader']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else text += text === '' ? String(part) : `.${String(part)}`
  }
  return text
}

function rangeLine(source: YamlSource, node: unknown): number | undefined {
  if (!isNode(node) || !node.range) return undefined
  return source.firstLine + source.lines.linePos(node.range[0]).line - 1
}

/** The line of a field: its key's line when it is a map entry, else its value's. */
function nodeLine(source: YamlSource, path: readonly PropertyKey[]): number | undefined {
  const doc: Document = source.doc
  for (let n = path.length; n >= 0; n--) {
    const parent: unknown =
      n <= 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true)
    const last = path[n - 1]
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last)
      const line = rangeLine(source, pair?.key)
      if (line !== undefined) return line
    }
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true)
    const line = rangeLine(source, node)
    if (line !== undefined) return line
  }
  return undefined
}

/** The file line a field path comes from, when the file has it. */
export function lineOf(source: SourceMap, path: readonly PropertyKey[]): number | undefined {
  const [head, index, ...rest] = path
  if (head === 'steps' && typeof index === 'number') {
    const step = source.steps[index]
    if (!step) return undefined
    if (rest.length === 0 || rest[0] === 'title' || rest[0] === 'narration' || !step.block)
      return step.headingLine
    return nodeLine(step.block, rest)
  }
  if (head === 'quiz' && source.quiz) return nodeLine(source.quiz, path.slice(1))
  if (head === 'intro') return undefined
  return source.front ? nodeLine(source.front, path) : undefined
}

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'object') return 'fields'
  return `a ${typeof value}`
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'fields',
}

/** A zod issue in an author's words. */
function message(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'required'
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(input)}${issue.expected === 'string' && typeName(input) === 'fields' ? QUOTE_HINT : ''}`
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map(String).join(', ')}`
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)}`
    case 'too_big':
      return issue.origin === 'array'
        ? `has more than ${String(issue.maximum)} items`
        : `must be at most ${String(issue.maximum)}`
    case 'invalid_union':
      return issue.message.startsWith('Invalid input')
        ? `not a valid value (${typeName(input)})`
        : issue.message
    default:
      return issue.message
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[part]
  }
  return value
}

/** One line per problem: `lessons/x.md: steps[2].goals[0].etcd.leader: expected one of etcd-1…etcd-5 (line 57)`. */
export function formatProblem(file: string, problem: Problem): string {
  const where = problem.path.length > 0 ? `${formatPath(problem.path)}: ` : ''
  const line = problem.line !== undefined ? ` (line ${problem.line})` : ''
  return `${file}: ${where}${problem.message}${line}`
}

export function zodProblems(error: z.ZodError, raw: unknown, source: SourceMap): Problem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n')
      return issue.keys.map((key, i) => {
        const path = [...issue.path, key] as (string | number)[]
        return {
          path,
          message: lines[i] ?? lines[0] ?? 'unknown field',
          line: lineOf(source, path),
        }
      })
    }
    const path = issue.path as (string | number)[]
    return [{ path, message: message(issue, valueAt(raw, path)), line: lineOf(source, path) }]
  })
}
