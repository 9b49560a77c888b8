import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate'
import type { RecordedAction } from '../../sim/index'
import { validateScenario, type Scenario } from './scenario'

/**
 * A scenario as URL query parameters. The readable settings stay readable (`seed`, `nodes`,
 * `etcd`, `prevote`, `checkquorum`, `t`, `panel`, `lesson`, `step`: the same names as the
 * deep links); the action log is compressed into one URL-safe parameter:
 *
 *   actions = "1." + base64url(zlib(JSON [[Δt, action], [Δt, action, Δscheduled], …]))
 *
 * Times are deltas from the previous entry, so a long class stays short. zlib (not raw deflate)
 * carries an Adler-32 checksum: a link cut or mangled in an email is refused, not misread.
 */
export const ACTIONS_PARAM = 'actions'
const FORMAT_PREFIX = '1.'
const DAMAGED = 'the action log is damaged (was the link cut short or changed?)'

type Packed = [number, RecordedAction['action']] | [number, RecordedAction['action'], number]

export function encodeActions(actions: readonly RecordedAction[]): string {
  let previous = 0
  const packed: Packed[] = actions.map((entry) => {
    const dt = entry.atMs - previous
    previous = entry.atMs
    return entry.scheduledAtMs === undefined
      ? [dt, entry.action]
      : [dt, entry.action, entry.atMs - entry.scheduledAtMs]
  })
  return FORMAT_PREFIX + toBase64Url(zlibSync(strToU8(JSON.stringify(packed)), { level: 9 }))
}

/** The action log in a link, unvalidated (the scenario schema checks every entry), or an error. */
export function decodeActions(text: string): unknown {
  if (!text.startsWith(FORMAT_PREFIX))
    throw new Error('the action log is in an unknown format (made by a newer version?)')
  let json: string
  try {
    const bytes = fromBase64Url(text.slice(FORMAT_PREFIX.length))
    const inflated = unzlibSync(bytes)
    // fflate does not check zlib's Adler-32 trailer (RFC 1950 §2.2); we do.
    if (adler32(inflated) !== new DataView(bytes.buffer).getUint32(bytes.length - 4))
      throw new Error('checksum mismatch')
    json = strFromU8(inflated)
  } catch {
    throw new Error(DAMAGED)
  }
  let packed: unknown
  try {
    packed = JSON.parse(json)
  } catch {
    throw new Error(DAMAGED)
  }
  if (!Array.isArray(packed)) throw new Error('the action log is not a list')
  let atMs = 0
  return packed.map((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number') return entry
    atMs += entry[0]
    const scheduled: unknown = entry[2]
    return typeof scheduled === 'number'
      ? { atMs, action: entry[1] as unknown, scheduledAtMs: atMs - scheduled }
      : { atMs, action: entry[1] as unknown }
  })
}

/** The query string (without "?") that reproduces `scenario`. */
export function encodeScenarioQuery(scenario: Scenario): string {
  const params = new URLSearchParams()
  params.set('seed', String(scenario.seed))
  params.set('nodes', String(scenario.nodes))
  params.set('etcd', String(scenario.etcdMembers))
  if (!scenario.preVote) params.set('prevote', '0')
  if (!scenario.checkQuorum) params.set('checkquorum', '0')
  params.set('t', String(Math.round(scenario.timeMs)))
  if (scenario.panel !== undefined) params.set('panel', scenario.panel)
  if (scenario.lesson) {
    params.set('lesson', scenario.lesson.id)
    params.set('step', String(scenario.lesson.step))
  }
  params.set(ACTIONS_PARAM, encodeActions(scenario.actions))
  return params.toString()
}

export type LinkScenario =
  { kind: 'none' } | { kind: 'scenario'; scenario: Scenario } | { kind: 'refused'; error: string }

/**
 * Reads a scenario link. A URL without an action log is not one (plain deep links are read by
 * url-options). A scenario link with any bad part is refused whole, with the reason: half a
 * scenario would not be the scenario its author shared.
 */
export function decodeScenarioQuery(search: string): LinkScenario {
  const params = new URLSearchParams(search)
  const packed = params.get(ACTIONS_PARAM)
  if (packed === null) return { kind: 'none' }
  const number = (name: string, fallback?: number): number | undefined => {
    const raw = params.get(name)
    if (raw === null) return fallback
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN
  }
  let actions: unknown
  try {
    actions = decodeActions(packed)
  } catch (error) {
    return { kind: 'refused', error: (error as Error).message }
  }
  const lesson = params.get('lesson')
  const result = validateScenario({
    seed: number('seed', 1),
    nodes: number('nodes', 3),
    etcdMembers: number('etcd', 3),
    preVote: params.get('prevote') !== '0',
    checkQuorum: params.get('checkquorum') !== '0',
    actions,
    timeMs: number('t', 0),
    ...(params.has('panel') ? { panel: params.get('panel') } : {}),
    ...(lesson !== null ? { lesson: { id: lesson, step: number('step', 1) } } : {}),
  })
  return result.ok
    ? { kind: 'scenario', scenario: result.scenario }
    : { kind: 'refused', error: result.error }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** Adler-32 (RFC 1950 §9): zlib's checksum of the uncompressed data. */
function adler32(bytes: Uint8Array): number {
  const MOD = 65_521
  let a = 1
  let b = 0
  for (const byte of bytes) {
    a = (a + byte) % MOD
    b = (b + a) % MOD
  }
  return ((b << 16) | a) >>> 0
}
