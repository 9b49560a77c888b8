import { describe, expect, it } from 'vitest'
import { loadLesson } from './load'
import { parseCourse } from './course'
import { COURSE_TEXT } from '../bundled'
import readme from '../../../lessons/README.md?raw'

const SECTIONS = parseCourse(COURSE_TEXT).map((s) => s.id)
const FILE = 'lessons/test-lesson.md'

const FRONT = `---
schemaVersion: 1
title: A test lesson
section: etcd
level: Beginner
minutes: 5
summary: For the tests.
objectives:
  - Check the loader
cluster:
  etcdMembers: 5
---

Intro text.
`

function lesson(steps: string, front = FRONT): string {
  return `${front}\n${steps}`
}

const GOOD_STEP = `## Stop the leader

Stop the leader and watch a new one win.

\`\`\`yaml step
predict:
  question: Who leads next?
  choices:
    - text: A new member, in a higher term
      correct: true
      when: { etcd: { newLeader: true } }
    - text: Nobody
      when: { etcd: { hasLeader: false } }
  why: The others time out and elect one.
goals:
  - id: new-leader
    etcd: { newLeader: true }
solution:
  - stop: etcd leader
\`\`\`
`

/** The 1-based line of the first line of `text` containing `needle` (after `after`, if given). */
function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n')
  const start = after === '' ? 0 : lines.findIndex((l) => l.includes(after))
  return lines.findIndex((l, i) => i >= start && l.includes(needle)) + 1
}

function errorsOf(text: string): string[] {
  const loaded = loadLesson(FILE, text, SECTIONS)
  return loaded.ok ? [] : loaded.errors
}

describe('loading a lesson file', () => {
  it('reads front matter, intro, steps with narration and their YAML', () => {
    const loaded = loadLesson(FILE, lesson(GOOD_STEP), SECTIONS)
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'))
    const l = loaded.lesson
    expect(l).toMatchObject({
      id: 'test-lesson',
      title: 'A test lesson',
      section: 'etcd',
      level: 'Beginner',
      cluster: { nodes: 3, etcdMembers: 5, seed: 1 },
      intro: 'Intro text.',
    })
    expect(l.steps).toHaveLength(1)
    expect(l.steps[0]?.title).toBe('Stop the leader')
    expect(l.steps[0]?.narration).toBe('Stop the leader and watch a new one win.')
    expect(l.steps[0]?.budget).toBe(60_000)
    expect(l.steps[0]?.solution).toEqual([{ stop: 'etcd leader' }])
    expect(l.quiz).toEqual([])
  })

  it('accepts the complete example in lessons/README.md as written', () => {
    const example =
      /<!-- example:start -->\s*````markdown\n([\s\S]*?)````\s*<!-- example:end -->/.exec(
        readme,
      )?.[1]
    expect(example).toBeDefined()
    const loaded = loadLesson('lessons/readme-example.md', example ?? '', SECTIONS)
    expect(loaded.ok ? [] : loaded.errors).toEqual([])
  })

  it('names an etcd member the cluster does not have, with the members it has', () => {
    const text = lesson(
      GOOD_STEP.replace(
        'etcd: { newLeader: true }\nsolution',
        'etcd: { leader: etcd-6 }\nsolution',
      ),
    )
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: steps[0].goals[0].etcd.leader: expected one of etcd-1…etcd-5 (line ${lineOf(text, 'etcd-6')})`,
    ])
  })

  it('counts members an earlier step adds', () => {
    const add = `## Add one\n\n\`\`\`yaml step\nsolution:\n  - addEtcdMember: true\n\`\`\`\n\n`
    const text = lesson(
      add +
        GOOD_STEP.replace(
          'etcd: { newLeader: true }\nsolution',
          'etcd: { leader: etcd-6 }\nsolution',
        ),
    )
    expect(errorsOf(text)).toEqual([])
  })

  it('suggests the word a misspelt goal meant', () => {
    const text = lesson(
      GOOD_STEP.replace(
        '    etcd: { newLeader: true }\nsolution',
        '    etdc: { newLeader: true }\nsolution',
      ),
    )
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: steps[0].goals[0].etdc: unknown field; did you mean "etcd"? (line ${lineOf(text, 'etdc:')})`,
      `lessons/test-lesson.md: steps[0].goals[0]: say what to check with one of: pods, object, stored, atRest, node, component, containers, etcd, kubectl, message, event, log, scheduling, traffic, authorized, listServed, throttled, link, elapsed, all, any, not (line ${lineOf(text, 'id: new-leader')})`,
    ])
  })

  it('explains a wrong value, a missing field and a wrong type', () => {
    const front = FRONT.replace('level: Beginner', 'level: Expert')
      .replace('minutes: 5\n', '')
      .replace('title: A test lesson', 'title: [not, text]')
    expect(errorsOf(lesson(GOOD_STEP, front))).toEqual([
      'lessons/test-lesson.md: title: expected text, got a list (line 3)',
      'lessons/test-lesson.md: level: expected one of Beginner, Developer, Architect (line 5)',
      // A missing field has no line of its own: the front matter's first line.
      'lessons/test-lesson.md: minutes: required (line 2)',
    ])
  })

  it('reports a YAML syntax error with its line, and the colon that usually causes it', () => {
    const text = lesson(
      GOOD_STEP.replace(
        '  why: The others time out and elect one.',
        '  why: Quorum: the others elect one.',
      ),
    )
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: steps[0]: YAML: Nested mappings are not allowed in compact mappings (text with ': ' in it must be in quotes: 'like: this') (line ${lineOf(text, 'why: Quorum')})`,
    ])
  })

  it('needs exactly one correct choice in a prediction', () => {
    const text = lesson(GOOD_STEP.replace('      correct: true\n', ''))
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: steps[0].predict.choices: mark exactly one choice with correct: true (found 0) (line ${lineOf(text, 'choices:')})`,
    ])
  })

  it('rejects an unknown section and names the course sections', () => {
    const errors = errorsOf(
      lesson(GOOD_STEP, FRONT.replace('section: etcd', 'section: networking')),
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^lessons\/test-lesson\.md: section: expected one of desired-state, api-server, etcd, scheduler, .*, interview \(line 4\)$/,
    )
  })

  it('rejects a bad duration and an action with two verbs', () => {
    const step = GOOD_STEP.replace(
      'solution:\n  - stop: etcd leader',
      'budget: soon\nsolution:\n  - stop: etcd leader\n    heal: true',
    )
    const text = lesson(step)
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: steps[0].solution[0]: one action per item: found stop and heal (line ${lineOf(text, 'stop: etcd leader')})`,
      `lessons/test-lesson.md: steps[0].budget: expected a duration like 500ms, 2s or 1m, got "soon" (line ${lineOf(text, 'budget: soon')})`,
    ])
  })

  it('flags a misspelt structure block and a second step block', () => {
    const text = lesson(
      `${GOOD_STEP}\n\`\`\`yml step\ngoals: []\n\`\`\`\n\n\`\`\`yaml step\nhints: [x]\n\`\`\`\n`,
    )
    expect(errorsOf(text)).toEqual([
      `lessons/test-lesson.md: a block marked \`\`\`yml step : write \`\`\`yaml step or \`\`\`yaml quiz (line ${lineOf(text, '```yml step')})`,
      `lessons/test-lesson.md: a \`\`\`yaml step block again in "Stop the leader": one per step, under its "## " heading (line ${lineOf(text, '```yaml step', 'yml step')})`,
    ])
  })

  it('needs front matter, and says so', () => {
    expect(errorsOf('# Just Markdown\n')).toEqual([
      'lessons/test-lesson.md: the file must start with YAML front matter between two --- lines (line 1)',
    ])
  })

  it('refuses a file written for a newer format', () => {
    expect(
      errorsOf(lesson(GOOD_STEP, FRONT.replace('schemaVersion: 1', 'schemaVersion: 3'))),
    ).toEqual([
      'lessons/test-lesson.md: schemaVersion: version 3 is newer than this app reads (1): update the app',
    ])
  })

  it('never throws, whatever the text', () => {
    for (const text of ['', '---\n---\n', '---\n: :\n---\n## x\n```yaml step\n[\n```\n', '\u0000'])
      expect(() => loadLesson(FILE, text, SECTIONS)).not.toThrow()
  })
})
