import * as v from 'valibot'
import type { RecordedAction, SimAction } from '../../sim/index'

/**
 * The shape of every SimAction, for input that comes from outside the page (a shared link, a
 * scenario file, a host page's postMessage). Keyed by action type, so adding a SimAction without
 * its schema here is a type error: a new fault is never silently unshareable.
 */
const name = v.pipe(v.string(), v.minLength(1), v.maxLength(253))
const names = v.pipe(v.array(name), v.maxLength(64))
const sides = v.tuple([names, names])
const ms = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(7 * 24 * 3_600_000))

export const ACTION_SCHEMAS = {
  runKubectl: v.strictObject({
    type: v.literal('runKubectl'),
    commandId: v.pipe(v.string(), v.maxLength(64)),
    command: v.pipe(v.string(), v.maxLength(4_000)),
    stdin: v.optional(v.pipe(v.string(), v.maxLength(64_000))),
  }),
  stopComponent: v.strictObject({ type: v.literal('stopComponent'), id: name }),
  startComponent: v.strictObject({ type: v.literal('startComponent'), id: name }),
  wipeEtcdMember: v.strictObject({ type: v.literal('wipeEtcdMember'), id: name }),
  partition: v.strictObject({ type: v.literal('partition'), sides }),
  heal: v.strictObject({ type: v.literal('heal') }),
  healPartition: v.strictObject({ type: v.literal('healPartition'), sides }),
  healAll: v.strictObject({ type: v.literal('healAll') }),
  setLinkLoss: v.strictObject({
    type: v.literal('setLinkLoss'),
    a: name,
    b: name,
    fraction: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  }),
  setDiskLatency: v.strictObject({ type: v.literal('setDiskLatency'), id: name, fsyncMs: ms }),
  addEtcdMember: v.strictObject({ type: v.literal('addEtcdMember') }),
  removeEtcdMember: v.strictObject({ type: v.literal('removeEtcdMember'), id: name }),
  raftTimeoutNow: v.strictObject({ type: v.literal('raftTimeoutNow'), id: name }),
  dropMessage: v.strictObject({
    type: v.literal('dropMessage'),
    id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  setNodeCapacity: v.strictObject({
    type: v.literal('setNodeCapacity'),
    node: name,
    cpu: v.optional(v.pipe(v.string(), v.maxLength(32))),
    memory: v.optional(v.pipe(v.string(), v.maxLength(32))),
    pods: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  }),
} satisfies Record<SimAction['type'], v.GenericSchema>

export const simActionSchema = v.variant('type', Object.values(ACTION_SCHEMAS))

export const recordedActionSchema = v.strictObject({
  atMs: ms,
  action: simActionSchema,
  scheduledAtMs: v.optional(ms),
})

// Enough for a long class (hundreds of kubectl commands and faults), small enough to replay fast.
export const MAX_ACTIONS = 2_000

export const actionLogSchema = v.pipe(
  v.array(recordedActionSchema),
  v.maxLength(MAX_ACTIONS, `at most ${MAX_ACTIONS} actions`),
  v.check(
    (log) => log.every((e, i) => i === 0 || e.atMs >= (log[i - 1] as { atMs: number }).atMs),
    'actions must be in time order',
  ),
)

/**
 * Valibot types optional fields as `T | undefined`; the sim's types leave them out instead
 * (exactOptionalPropertyTypes). A validated log has no explicit undefined, so this is a retype.
 */
export function asRecordedActions(log: v.InferOutput<typeof actionLogSchema>): RecordedAction[] {
  return log as RecordedAction[]
}

/** "actions[3].action.id: Invalid length…": the first problem, with where it is. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]
  if (!issue) return 'invalid'
  const path = v.getDotPath(issue)
  return path ? `${path}: ${issue.message}` : issue.message
}
