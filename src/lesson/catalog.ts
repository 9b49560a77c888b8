import { parseCourse, type CourseSection } from './format/course'
import { loadLesson, type Lesson } from './format/load'
import { LEVELS, type QuizData, type ViewData } from './format/schema'
import { describeItem } from './session/script'
import { goalId } from './session/step-tracker'
import { describeCondition, type Condition } from './vocab/conditions/registry'

/** A step as the lesson pane shows it: everything but the checks, which stay in the worker. */
export interface CatalogStep {
  title: string
  narration: string
  view?: ViewData | undefined
  goals: { id: string; text: string }[]
  hints: string[]
  /** What "show me" will do, item by item. */
  solution: string[]
  predict?:
    | { question: string; choices: { text: string }[]; why: string; whys: (string | undefined)[] }
    | undefined
  pauseWhenDone: boolean
}

/** A lesson as the catalog and the lesson pane need it (JSON, sent from the worker). */
export interface CatalogLesson {
  id: string
  file: string
  title: string
  section: string
  level: Lesson['level']
  minutes: number
  summary: string
  objectives: string[]
  intro: string
  steps: CatalogStep[]
  quiz: QuizData[]
  /** The cluster the lesson runs on: what a presenter's window and a shared link rebuild. */
  cluster?: { seed: number; nodes: number; etcdMembers: number } | undefined
  /** Changes whenever the lesson file's content does (saved progress checks it). */
  fingerprint: string
}

export type CatalogEntry =
  | { ok: true; lesson: CatalogLesson }
  | {
      ok: false
      id: string
      file: string
      title?: string | undefined
      section?: string | undefined
      errors: string[]
    }

export interface Catalog {
  sections: CourseSection[]
  entries: CatalogEntry[]
}

/** FNV-1a over the lesson's JSON: a short, stable fingerprint of its content. */
export function fingerprint(lesson: Lesson): string {
  const text = JSON.stringify(lesson)
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

export function catalogLesson(lesson: Lesson): CatalogLesson {
  return {
    id: lesson.id,
    file: lesson.file,
    title: lesson.title,
    section: lesson.section,
    level: lesson.level,
    minutes: lesson.minutes,
    summary: lesson.summary,
    objectives: lesson.objectives,
    intro: lesson.intro,
    quiz: lesson.quiz,
    cluster: {
      seed: lesson.cluster.seed,
      nodes: lesson.cluster.nodes,
      etcdMembers: lesson.cluster.etcdMembers,
    },
    fingerprint: fingerprint(lesson),
    steps: lesson.steps.map((step) => ({
      title: step.title,
      narration: step.narration,
      view: step.view,
      goals: (step.goals ?? []).map((g, i) => ({
        id: goalId(g, i),
        text: g.text ?? describeCondition(g as Condition),
      })),
      hints: step.hints ?? [],
      solution: (step.solution ?? []).map(describeItem),
      predict: step.predict && {
        question: step.predict.question,
        choices: step.predict.choices.map((c) => ({ text: c.text })),
        why: step.predict.why,
        whys: step.predict.choices.map((c) => c.why),
      },
      pauseWhenDone: step.pauseWhenDone === true,
    })),
  }
}

/**
 * Loads every lesson file and the course's sections. A broken file becomes a broken entry with
 * its errors; it never stops the others from loading.
 */
export function buildCatalog(
  files: readonly { path: string; text: string }[],
  courseText: string,
): { catalog: Catalog; lessons: Map<string, Lesson> } {
  const sections = parseCourse(courseText)
  const ids = sections.map((s) => s.id)
  const lessons = new Map<string, Lesson>()
  const entries: CatalogEntry[] = []
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const loaded = loadLesson(file.path, file.text, ids)
    if (loaded.ok) {
      lessons.set(loaded.lesson.id, loaded.lesson)
      entries.push({ ok: true, lesson: catalogLesson(loaded.lesson) })
    } else {
      const section = /^section:\s*(\S+)/m.exec(file.text)?.[1]
      entries.push({
        ...loaded,
        section: section !== undefined && ids.includes(section) ? section : undefined,
      })
    }
  }
  // Within a section, a beginner's lesson comes before an architect's (then by file name).
  const rank = (e: CatalogEntry): number => (e.ok ? LEVELS.indexOf(e.lesson.level) : LEVELS.length)
  entries.sort((a, b) => rank(a) - rank(b))
  return { catalog: { sections, entries }, lessons }
}
