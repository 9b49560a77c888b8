/**
 * The lesson format's schema: the one place that says what a lesson file may contain. The
 * Markdown parts (intro, step titles and narration) come from the file's headings and prose;
 * everything else from its YAML front matter and ```yaml step / ```yaml quiz blocks. See
 * lessons/README.md for the author's view of the same thing.
 */
import { z } from 'zod'
import { duration, pattern, strict } from './zod-helpers'
import { conditionShape, oneConditionIssue, type Condition } from '../vocab/conditions/registry'
import { ACTION_KINDS, ACTION_KEYS } from '../vocab/actions/registry'
import { checkClusterNames } from './cluster-names'

export const LESSON_SCHEMA_VERSION = 1
export const LEVELS = ['Beginner', 'Developer', 'Architect'] as const
/** Playback speeds the timeline offers (1/20× … 64×). */
export const SPEEDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const
/** Panels a step can bring to the front. */
export const PANELS = [
  'flow',
  'editor',
  'pods',
  'kubectl',
  'events',
  'scheduler',
  'raft',
  'processes',
  'controllers',
  'services',
  'rules',
  'access',
  'secrets',
  'load',
] as const
const DEFAULT_BUDGET_MS = 60_000

function requireOneCondition(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = oneConditionIssue(value)
  if (issue) ctx.addIssue({ code: 'custom', message: issue })
}

export const conditionSchema: z.ZodType<Condition> = strict(
  conditionShape(() => conditionSchema),
).superRefine(requireOneCondition)

const goal = strict({
  /** A stable name for the goal (progress and events use it); defaults to goal-<n>. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes')
    .optional(),
  /** What the student reads; defaults to a sentence made from the check. */
  text: z.string().min(1).optional(),
  ...conditionShape(() => conditionSchema),
}).superRefine(requireOneCondition)

function actionShape() {
  const shape: Record<string, z.ZodType> = {}
  for (const kind of ACTION_KINDS) shape[kind.key] = (kind.params as z.ZodType).optional()
  shape['wait'] = duration.optional()
  shape['waitFor'] = conditionSchema.optional()
  shape['within'] = duration.optional()
  return shape
}

const item = strict(actionShape()).superRefine((value, ctx) => {
  const keys = Object.keys(value).filter((k) => ACTION_KEYS.includes(k) && value[k] !== undefined)
  if (keys.length === 0)
    ctx.addIssue({
      code: 'custom',
      message: `say what to do with one of: ${ACTION_KEYS.join(', ')}`,
    })
  else if (keys.length > 1)
    ctx.addIssue({ code: 'custom', message: `one action per item: found ${keys.join(' and ')}` })
  if (value['within'] !== undefined && value['waitFor'] === undefined)
    ctx.addIssue({ code: 'custom', path: ['within'], message: 'within only goes with waitFor' })
})

const choice = strict({
  text: z.string().min(1),
  /** What in the simulation shows that this is what happened. */
  when: conditionSchema,
  /** The author's expected answer; the lesson runner checks the simulation agrees. */
  correct: z.boolean().optional(),
  /** Why this happens, when it is the outcome (overrides the prediction's why). */
  why: z.string().min(1).optional(),
})

function exactlyOneCorrect(
  choices: readonly { correct?: boolean | undefined }[],
  ctx: z.RefinementCtx,
): void {
  const n = choices.filter((c) => c.correct === true).length
  if (n !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: `mark exactly one choice with correct: true (found ${n})`,
    })
}

const prediction = strict({
  question: z.string().min(1),
  choices: z.array(choice).min(2).max(6),
  /** One line: why the outcome is what it is. */
  why: z.string().min(1),
}).superRefine((p, ctx) => exactlyOneCorrect(p.choices, ctx))

const view = strict({
  speed: z
    .union(
      SPEEDS.map((s) => z.literal(s)),
      {
        error: `expected one of ${SPEEDS.join(', ')}`,
      },
    )
    .optional(),
  followMessages: z.boolean().optional(),
  panel: z.enum(PANELS).optional(),
  /** Components to highlight on the map. */
  highlight: pattern.optional(),
  /** A manifest put in the editor, ready for the student to apply. */
  editor: z.string().optional(),
  /**
   * managed: the map draws the control plane as one box run by a cloud provider, and its
   * components' controls are locked (what EKS, GKE and AKS give you).
   */
  controlPlane: z.enum(['managed', 'self-hosted']).optional(),
})

const stepBlock = {
  scenario: z.array(item).optional(),
  view: view.optional(),
  predict: prediction.optional(),
  goals: z.array(goal).optional(),
  hints: z.array(z.string().min(1)).optional(),
  solution: z.array(item).optional(),
  /** Virtual time "show me" may take to reach every goal (the lesson runner checks it). */
  budget: duration.default(DEFAULT_BUDGET_MS),
  /** Pause the simulation the instant every goal is reached, so the student can look. */
  pauseWhenDone: z.boolean().optional(),
}

export const STEP_BLOCK_KEYS = Object.keys(stepBlock)

const step = strict({ title: z.string().min(1), narration: z.string(), ...stepBlock })

const question = strict({
  question: z.string().min(1),
  choices: z
    .array(strict({ text: z.string().min(1), correct: z.boolean().optional() }))
    .min(2)
    .max(6),
  explain: z.string().min(1),
}).superRefine((q, ctx) => exactlyOneCorrect(q.choices, ctx))

const cluster = strict({
  nodes: z.number().int().min(1).max(12).default(3),
  etcdMembers: z.number().int().min(1).max(7).default(3),
  seed: z.number().int().min(0).default(1),
  nodeCpu: z.string().optional(),
  nodeMemory: z.string().optional(),
})

/** The schema for one lesson, given the course's section ids. */
export function lessonSchema(sections: readonly string[]) {
  return strict({
    schemaVersion: z.literal(LESSON_SCHEMA_VERSION, {
      error: `expected ${LESSON_SCHEMA_VERSION} (the lesson format this app reads)`,
    }),
    title: z.string().min(1),
    section: z.enum(sections as [string, ...string[]]),
    level: z.enum(LEVELS),
    /** About how long the lesson takes, in minutes (the catalog shows it). */
    minutes: z.number().int().min(1).max(120),
    summary: z.string().min(1),
    objectives: z.array(z.string().min(1)).min(1),
    cluster: cluster.default({ nodes: 3, etcdMembers: 3, seed: 1 }),
    intro: z.string(),
    steps: z.array(step).min(1, { error: 'a lesson needs at least one "## " step' }),
    quiz: z.array(question).default([]),
  }).superRefine(checkClusterNames)
}

export type LessonData = z.infer<ReturnType<typeof lessonSchema>>
export type StepData = LessonData['steps'][number]
export type GoalData = NonNullable<StepData['goals']>[number]
export type ItemData = NonNullable<StepData['scenario']>[number]
export type PredictionData = NonNullable<StepData['predict']>
export type QuizData = LessonData['quiz'][number]
export type ViewData = NonNullable<StepData['view']>
