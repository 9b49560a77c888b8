import { z } from 'zod'
import type { RecordedAction } from '../../sim/index'
import {
  actionLogSchema,
  asRecordedActions,
  describeIssue,
  recordedActionSchema,
} from './action-schema'

/**
 * A scenario: everything that makes a run exact. The seed and cluster options build the same
 * cluster, the recorded action log replays the same history (the simulation is deterministic),
 * and the time and panel put the viewer where the author was. Links and scenario files carry it.
 */
export interface Scenario {
  seed: number
  nodes: number
  etcdMembers: number
  preVote: boolean
  checkQuorum: boolean
  /** Control-plane machines (the HA option); absent: one. */
  controlPlanes?: number | undefined
  /** kubeadm's system Pods and node heartbeats; absent: on, as the app opens. */
  systemPods?: boolean | undefined
  actions: RecordedAction[]
  /** Virtual ms to open at. */
  timeMs: number
  /** The panel in front (a view or tab id), when it is not the default. */
  panel?: string | undefined
  /** The lesson and step the author was on, when a lesson was open. */
  lesson?: { id: string; step: number } | undefined
}

// The bounds a deep link already enforces (ui/app/url-options.ts): the UI draws 1–12 nodes.
export const SCENARIO_LIMITS = {
  seed: { min: 0, max: 2 ** 31 - 1 },
  nodes: { min: 1, max: 12 },
  etcdMembers: { min: 1, max: 7 },
  // MAX_CONTROL_PLANES in sim/cluster.ts; the deep link's ?controlplanes= bounds.
  controlPlanes: { min: 1, max: 3 },
} as const

const int = (limits: { min: number; max: number }) =>
  z.number().int().min(limits.min).max(limits.max)
const panelId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a panel id like "raft"')
const lessonRef = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lesson id like "split-brain"'),
  step: z.number().int().min(1).max(999),
})

export const scenarioSchema = z.strictObject({
  seed: int(SCENARIO_LIMITS.seed),
  nodes: int(SCENARIO_LIMITS.nodes),
  etcdMembers: int(SCENARIO_LIMITS.etcdMembers),
  preVote: z.boolean(),
  checkQuorum: z.boolean(),
  controlPlanes: int(SCENARIO_LIMITS.controlPlanes).optional(),
  systemPods: z.boolean().optional(),
  actions: actionLogSchema,
  timeMs: z
    .number()
    .min(0)
    .max(7 * 24 * 3_600_000),
  panel: panelId.optional(),
  lesson: lessonRef.optional(),
})

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string }

/** Validates anything claiming to be a scenario; the error names the first bad field. */
export function validateScenario(input: unknown): ScenarioResult {
  const result = scenarioSchema.safeParse(input)
  if (!result.success) return { ok: false, error: describeIssue(result.error) }
  const { panel, lesson, actions, controlPlanes, systemPods, ...rest } = result.data
  return {
    ok: true,
    scenario: {
      ...rest,
      ...(controlPlanes !== undefined ? { controlPlanes } : {}),
      ...(systemPods !== undefined ? { systemPods } : {}),
      actions: asRecordedActions(actions),
      ...(panel !== undefined ? { panel } : {}),
      ...(lesson !== undefined ? { lesson } : {}),
    },
  }
}

/** One recorded action, validated (for the postMessage API's "inject a fault"). */
export function isRecordedAction(input: unknown): input is RecordedAction {
  return recordedActionSchema.safeParse(input).success
}
