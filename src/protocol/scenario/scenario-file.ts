import { validateScenario, type Scenario, type ScenarioResult } from './scenario'

/**
 * The scenario file: a small JSON document an instructor exports, edits by hand if they like,
 * imports in class, or names from a lesson. Versioned like tldraw's records: `schemaVersion`
 * says which shape it has; older shapes are migrated step by step, newer ones refused clearly.
 *
 *   { "kind": "kube-viz-scenario", "schemaVersion": 1, "title": "…",
 *     "cluster": { "seed": 7, "nodes": 3, "etcdMembers": 3, "preVote": true, "checkQuorum": true },
 *     "actions": [{ "atMs": 3000, "action": { "type": "stopComponent", "id": "etcd-1" } }],
 *     "timeMs": 12000, "panel": "raft" }
 */
export const SCENARIO_FILE_KIND = 'kube-viz-scenario'
export const SCENARIO_FILE_VERSION = 1
// A scenario file is a few KB; anything far larger is not one (and would stall the page).
export const MAX_SCENARIO_FILE_BYTES = 2_000_000

export interface ScenarioFile {
  kind: typeof SCENARIO_FILE_KIND
  schemaVersion: typeof SCENARIO_FILE_VERSION
  title?: string
  cluster: Pick<Scenario, 'seed' | 'nodes' | 'etcdMembers' | 'preVote' | 'checkQuorum'>
  actions: Scenario['actions']
  timeMs: number
  panel?: string
  lesson?: Scenario['lesson']
}

/**
 * Upgrades from version N to N+1, keyed by N (tldraw's `pageMigrations`). Version 1 is the
 * first: the table is empty until the format changes, and the loop below already walks it.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {}

export function toScenarioFile(scenario: Scenario, title?: string): ScenarioFile {
  return {
    kind: SCENARIO_FILE_KIND,
    schemaVersion: SCENARIO_FILE_VERSION,
    ...(title !== undefined && title !== '' ? { title } : {}),
    cluster: {
      seed: scenario.seed,
      nodes: scenario.nodes,
      etcdMembers: scenario.etcdMembers,
      preVote: scenario.preVote,
      checkQuorum: scenario.checkQuorum,
    },
    actions: scenario.actions,
    timeMs: scenario.timeMs,
    ...(scenario.panel !== undefined ? { panel: scenario.panel } : {}),
    ...(scenario.lesson ? { lesson: scenario.lesson } : {}),
  }
}

export function serializeScenarioFile(file: ScenarioFile): string {
  return JSON.stringify(file, null, 2) + '\n'
}

/** Reads a scenario file's text: a scenario, or an error that says what is wrong and where. */
export function parseScenarioFile(text: string): ScenarioResult & { title?: string } {
  if (text.length > MAX_SCENARIO_FILE_BYTES)
    return { ok: false, error: 'this file is too large to be a scenario file' }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` }
  }
  if (!isRecord(doc) || doc['kind'] !== SCENARIO_FILE_KIND)
    return { ok: false, error: `not a scenario file (expected "kind": "${SCENARIO_FILE_KIND}")` }
  let version = doc['schemaVersion']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, error: 'schemaVersion: expected a whole number from 1' }
  if (version > SCENARIO_FILE_VERSION)
    return {
      ok: false,
      error: `schemaVersion ${version} was made by a newer version of this tool (this one reads up to ${SCENARIO_FILE_VERSION})`,
    }
  let migrated: Record<string, unknown> = doc
  for (; version < SCENARIO_FILE_VERSION; version++) {
    const step = MIGRATIONS[version]
    if (!step) return { ok: false, error: `no migration from schemaVersion ${version}` }
    migrated = step(migrated)
  }
  const { kind: _kind, schemaVersion: _version, title, cluster, ...rest } = migrated
  if (title !== undefined && typeof title !== 'string')
    return { ok: false, error: 'title: expected text' }
  const result = validateScenario({ ...(isRecord(cluster) ? cluster : {}), ...rest })
  if (!result.ok) return result
  return title !== undefined ? { ...result, title } : result
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
