import MarkdownIt from 'markdown-it'
import { LineCounter, parseDocument, type Document } from 'yaml'

/** A YAML part of the file, kept to find the line of a field for error messages. */
export interface YamlSource {
  doc: Document
  lines: LineCounter
  /** 1-based line in the file where this YAML text starts. */
  firstLine: number
}

export interface SourceMap {
  front?: YamlSource | undefined
  steps: { headingLine: number; block?: YamlSource | undefined }[]
  quiz?: YamlSource | undefined
}

/** Something wrong with the file's shape (before the schema): a field path and a message. */
export interface Problem {
  path: (string | number)[]
  message: string
  line?: number | undefined
}

export interface ParsedFile {
  raw: Record<string, unknown>
  source: SourceMap
  problems: Problem[]
  /** The file's shape is too broken for the schema to say anything useful. */
  fatal?: boolean
}

const tokenizer = new MarkdownIt()

/** The usual cause of YAML's mapping errors in prose: a colon followed by a space. */
export const QUOTE_HINT = " (text with ': ' in it must be in quotes: 'like: this')"

function yamlPart(
  text: string,
  firstLine: number,
  path: (string | number)[],
  problems: Problem[],
): { value: unknown; source: YamlSource } {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  for (const error of doc.errors) {
    const line = lines.linePos(error.pos[0]).line
    const first = error.message.split('\n')[0] ?? error.message
    const colon = /mappings|map keys/i.test(first) ? QUOTE_HINT : ''
    problems.push({
      path,
      message: `YAML: ${first}${colon}`,
      line: firstLine + line - 1,
    })
  }
  return {
    value: doc.errors.length > 0 ? undefined : doc.toJS(),
    source: { doc, lines, firstLine },
  }
}

function splitFrontMatter(
  text: string,
): { front: string; body: string; bodyLine: number } | undefined {
  const lines = text.split('\n')
  if (lines[0]?.trim() !== '---') return undefined
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'))
  if (end < 0) return undefined
  return {
    front: lines.slice(1, end).join('\n'),
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  }
}

/** Cuts [from, to) line ranges out of a text (the YAML blocks out of the narration). */
function withoutLines(
  lines: readonly string[],
  from: number,
  to: number,
  cuts: [number, number][],
): string {
  const kept: string[] = []
  for (let i = from; i < to; i++)
    if (!cuts.some(([a, b]) => i >= a && i < b)) kept.push(lines[i] ?? '')
  return kept.join('\n').trim()
}

interface Section {
  title: string
  line: number
  start: number
  end: number
  cuts: [number, number][]
  step?: { text: string; line: number } | undefined
  quiz?: { text: string; line: number } | undefined
}

const STRUCTURE = /^ya?ml\b/i

function sectionsOf(
  body: string,
  bodyLine: number,
  problems: Problem[],
): { intro: Section; sections: Section[] } {
  const tokens = tokenizer.parse(body, {})
  const intro: Section = { title: '', line: bodyLine, start: 0, end: 0, cuts: [] }
  const sections: Section[] = []
  let current = intro
  const lineCount = body.split('\n').length
  for (const [i, token] of tokens.entries()) {
    const map = token.map ?? [0, 0]
    if (token.type === 'heading_open' && token.tag === 'h2') {
      current.end = map[0]
      current = {
        title: tokens[i + 1]?.content.trim() ?? '',
        line: bodyLine + map[0],
        start: map[1],
        end: lineCount,
        cuts: [],
      }
      sections.push(current)
    } else if (token.type === 'fence' && STRUCTURE.test(token.info.trim())) {
      const info = token.info.trim().replace(/\s+/g, ' ')
      const role = info === 'yaml step' ? 'step' : info === 'yaml quiz' ? 'quiz' : undefined
      if (role === undefined) {
        if (/\b(step|quiz)\b/.test(info))
          problems.push({
            path: [],
            message: `a block marked \`\`\`${info} : write \`\`\`yaml step or \`\`\`yaml quiz`,
            line: bodyLine + map[0],
          })
        continue
      }
      const where = current === intro ? 'before the first "## " step' : `in "${current.title}"`
      if (current === intro || current[role]) {
        problems.push({
          path: [],
          message: `a \`\`\`yaml ${role} block ${current[role] ? 'again ' : ''}${where}: one per step, under its "## " heading`,
          line: bodyLine + map[0],
        })
        continue
      }
      current[role] = { text: token.content, line: bodyLine + map[0] + 1 }
      current.cuts.push([map[0], map[1]])
    }
  }
  if (current === intro) intro.end = lineCount
  return { intro, sections }
}

/**
 * Reads a lesson file: YAML front matter, then Markdown whose "## " headings are the steps (and
 * "## Quiz" the quiz), each with an optional ```yaml step (or ```yaml quiz) block. Gives the raw
 * lesson object for the schema, plus where each part came from.
 */
export function parseLessonFile(text: string): ParsedFile {
  const normalized = text.replace(/\r\n?/g, '\n')
  const problems: Problem[] = []
  const split = splitFrontMatter(normalized)
  if (!split)
    return {
      raw: {},
      source: { steps: [] },
      fatal: true,
      problems: [
        {
          path: [],
          message: 'the file must start with YAML front matter between two --- lines',
          line: 1,
        },
      ],
    }
  const front = yamlPart(split.front, 2, [], problems)
  const raw: Record<string, unknown> =
    front.value !== null && typeof front.value === 'object' && !Array.isArray(front.value)
      ? { ...(front.value as Record<string, unknown>) }
      : {}
  if (front.value !== undefined && raw === front.value)
    problems.push({ path: [], message: 'the front matter must be YAML fields (title: …)', line: 2 })
  const bodyLines = split.body.split('\n')
  const { intro, sections } = sectionsOf(split.body, split.bodyLine, problems)
  raw['intro'] = withoutLines(bodyLines, intro.start, intro.end, intro.cuts)
  const source: SourceMap = { front: front.source, steps: [] }
  const steps: Record<string, unknown>[] = []
  for (const section of sections) {
    if (section.title.toLowerCase() === 'quiz') {
      if (section.quiz) {
        const quiz = yamlPart(section.quiz.text, section.quiz.line, ['quiz'], problems)
        raw['quiz'] = quiz.value
        source.quiz = quiz.source
      } else
        problems.push({
          path: ['quiz'],
          message: 'the "## Quiz" section needs a ```yaml quiz block',
          line: section.line,
        })
      continue
    }
    const index = steps.length
    const block = section.step
      ? yamlPart(section.step.text, section.step.line, ['steps', index], problems)
      : undefined
    const fields = block?.value
    if (
      fields !== undefined &&
      fields !== null &&
      (typeof fields !== 'object' || Array.isArray(fields))
    )
      problems.push({
        path: ['steps', index],
        message: 'the ```yaml step block must be fields (goals: …)',
        line: section.step?.line,
      })
    for (const key of ['title', 'narration'])
      if (fields !== null && typeof fields === 'object' && key in fields)
        problems.push({
          path: ['steps', index, key],
          message: `a step's ${key} is ${key === 'title' ? 'its "## " heading' : 'the Markdown around its block'}, not a field`,
          line: section.step?.line,
        })
    steps.push({
      ...(fields !== null && typeof fields === 'object' && !Array.isArray(fields)
        ? (fields as Record<string, unknown>)
        : {}),
      title: section.title,
      narration: withoutLines(bodyLines, section.start, section.end, section.cuts),
    })
    source.steps.push({ headingLine: section.line, block: block?.source })
  }
  raw['steps'] = steps
  return { raw, source, problems }
}
