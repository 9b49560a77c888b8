import { z } from 'zod'
import type { RecordedAction, SimAction } from '../../sim/index'

/**
 * The shape of every SimAction, for input that comes from outside the page (a shared link, a
 * scenario file, a host page's postMessage). Keyed by action type, so adding a SimAction without
 * its schema here is a type error: a new fault is never silently unshareable.
 */
const name = z.string().min(1).max(253)
const names = z.array(name).max(64)
const sides = z.tuple([names, names])
const ms = z
  .number()
  .min(0)
  .max(7 * 24 * 3_600_000)

export const ACTION_SCHEMAS = {
  runKubectl: z.strictObject({
    type: z.literal('runKubectl'),
    commandId: z.string().max(64),
    command: z.string().max(4_000),
    stdin: z.string().max(64_000).optional(),
  }),
  interruptKubectl: z.strictObject({
    type: z.literal('interruptKubectl'),
    commandId: z.string().max(64),
  }),
  sendTraffic: z.strictObject({
    type: z.literal('sendTraffic'),
    runId: z.string().max(64),
    from: name,
    service: name,
    port: z.number().int().min(1).max(65_535).optional(),
    count: z.number().int().min(1).max(10_000),
    intervalMs: ms.optional(),
  }),
  setKubeProxyMode: z.strictObject({
    type: z.literal('setKubeProxyMode'),
    mode: z.enum(['iptables', 'ipvs']),
  }),
  apiRequest: z.strictObject({
    type: z.literal('apiRequest'),
    requestId: z.string().max(64),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().min(1).max(2_000),
    query: z.record(z.string().max(200), z.string().max(2_000)).optional(),
    body: z.string().max(64_000).optional(),
    contentType: z.string().max(100).optional(),
    accept: z.string().max(200).optional(),
    userAgent: z.string().max(500).optional(),
    auth: z
      .strictObject({
        context: name.optional(),
        token: z.string().max(4_000).optional(),
        as: name.optional(),
        asGroups: names.optional(),
        certificate: z.strictObject({ commonName: name, organizations: names }).optional(),
      })
      .optional(),
  }),
  closeApiWatch: z.strictObject({
    type: z.literal('closeApiWatch'),
    requestId: z.string().max(64),
  }),
  stopComponent: z.strictObject({ type: z.literal('stopComponent'), id: name }),
  startComponent: z.strictObject({ type: z.literal('startComponent'), id: name }),
  wipeEtcdMember: z.strictObject({ type: z.literal('wipeEtcdMember'), id: name }),
  partition: z.strictObject({ type: z.literal('partition'), sides }),
  heal: z.strictObject({ type: z.literal('heal') }),
  healPartition: z.strictObject({ type: z.literal('healPartition'), sides }),
  healAll: z.strictObject({ type: z.literal('healAll') }),
  setLinkLoss: z.strictObject({
    type: z.literal('setLinkLoss'),
    a: name,
    b: name,
    fraction: z.number().min(0).max(1),
  }),
  setDiskLatency: z.strictObject({ type: z.literal('setDiskLatency'), id: name, fsyncMs: ms }),
  addEtcdMember: z.strictObject({ type: z.literal('addEtcdMember') }),
  removeEtcdMember: z.strictObject({ type: z.literal('removeEtcdMember'), id: name }),
  raftTimeoutNow: z.strictObject({ type: z.literal('raftTimeoutNow'), id: name }),
  writeEncryptionConfig: z.strictObject({
    type: z.literal('writeEncryptionConfig'),
    yaml: z.string().max(64_000),
  }),
  restartComponent: z.strictObject({ type: z.literal('restartComponent'), id: name }),
  stampede: z.strictObject({
    type: z.literal('stampede'),
    requests: z.number().int().min(1).max(5000),
    chunkSize: z.number().int().min(0).max(100_000).optional(),
    resourceVersion: z.string().max(32).optional(),
  }),
  dropMessage: z.strictObject({ type: z.literal('dropMessage'), id: z.number().int().min(0) }),
  stopNode: z.strictObject({ type: z.literal('stopNode'), node: name }),
  breakContainer: z.strictObject({
    type: z.literal('breakContainer'),
    pod: z.string().min(3).max(507),
    container: name,
    fault: z.enum(['crashLoop', 'badImage']),
  }),
  fixContainer: z.strictObject({
    type: z.literal('fixContainer'),
    pod: z.string().min(3).max(507),
    container: name,
    fault: z.enum(['crashLoop', 'badImage']),
  }),
  startNode: z.strictObject({ type: z.literal('startNode'), node: name }),
  setNodeCapacity: z.strictObject({
    type: z.literal('setNodeCapacity'),
    node: name,
    cpu: z.string().max(32).optional(),
    memory: z.string().max(32).optional(),
    pods: z.number().int().min(0).max(100_000).optional(),
  }),
} satisfies Record<SimAction['type'], z.ZodType>

export const simActionSchema = z.discriminatedUnion(
  'type',
  Object.values(ACTION_SCHEMAS) as [
    (typeof ACTION_SCHEMAS)[keyof typeof ACTION_SCHEMAS],
    ...(typeof ACTION_SCHEMAS)[keyof typeof ACTION_SCHEMAS][],
  ],
)

export const recordedActionSchema = z.strictObject({
  atMs: ms,
  action: simActionSchema,
  scheduledAtMs: ms.optional(),
})

// Enough for a long class (hundreds of kubectl commands and faults), small enough to replay fast.
export const MAX_ACTIONS = 2_000

export const actionLogSchema = z
  .array(recordedActionSchema)
  .max(MAX_ACTIONS, `at most ${MAX_ACTIONS} actions`)
  .refine(
    (log) => log.every((e, i) => i === 0 || e.atMs >= (log[i - 1] as { atMs: number }).atMs),
    'actions must be in time order',
  )

/**
 * Zod types optional fields as `T | undefined`; the sim's types leave them out instead
 * (exactOptionalPropertyTypes). A parsed log has no explicit undefined, so this is a retype.
 */
export function asRecordedActions(log: z.output<typeof actionLogSchema>): RecordedAction[] {
  return log as RecordedAction[]
}

/** "actions.3.action.id: Too small…": the first problem, with where it is. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}
