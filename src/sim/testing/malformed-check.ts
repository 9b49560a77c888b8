import { goUnmarshal } from '../apiserver/decoding/go-unmarshal'
import { kindType } from '../apiserver/decoding/go-types'
import { kindOf } from '../apiserver/request-body'
import { findResourceByKind, restPath } from '../apiserver/resources'
import { validateObject } from '../apiserver/validation/validate'
import type { Simulation } from '../simulation'
import { jsonText, VALID_MANIFESTS, yamlText, type MalformedCase } from './malformed-manifests'

/**
 * What must hold for any manifest, however broken (issue 9): kubectl and sim.request answer
 * without throwing, with an answer shaped as the real ones are; no component crashes; and
 * nothing stored is of the wrong type or fails its kind's validation. Returns what went wrong.
 */
export function checkMalformedCase(sim: Simulation, testCase: MalformedCase): string[] {
  const problems: string[] = []
  const traceFrom = sim.trace.length
  const yaml = yamlText(testCase.manifest, testCase.damage)
  const applied = sim.kubectl('apply -f -', yaml)
  problems.push(...kubectlProblems(applied.exitCode, applied.output))
  const base = baseOf(testCase.manifest)
  const path = restPath(base, base.namespaced ? 'default' : undefined)
  const body = jsonText(testCase.manifest, testCase.damage)
  const response = sim.request({ method: 'POST', path, query: { fieldValidation: 'Strict' }, body })
  problems.push(...responseProblems(response.code, response.body))
  // Only this case's crashes: an earlier one would make every later case fail too.
  for (const e of sim.trace.slice(traceFrom))
    if (e.type === 'ComponentCrashed') problems.push(`${e.actor} crashed: ${e.error}`)
  return problems
}

/** The kind the case started from (so a request goes to its collection even if kind was mutated). */
function baseOf(manifest: unknown) {
  const kind = (manifest as { kind?: unknown } | null)?.kind
  const match = VALID_MANIFESTS.find((m) => m.kind === kind) ?? VALID_MANIFESTS[0]
  const info = findResourceByKind(match?.apiVersion ?? 'v1', match?.kind ?? 'Pod')
  if (!info) throw new Error('every valid manifest is of a served kind')
  return info
}

const SUCCESS = /^[a-z0-9.-]+\/\S* (created|configured|unchanged)$/
const KUBECTL_ERROR =
  /^(error: |Error from server \(\w+\): |Error from server: |The \S* "[^"]*" is invalid|The request is invalid)/m

function kubectlProblems(exitCode: number, output: string): string[] {
  if (/\[object Object\]|\bundefined\b/.test(output)) return [`kubectl printed ${output}`]
  if (exitCode === 0)
    return output.split('\n').every((line) => SUCCESS.test(line))
      ? []
      : [`kubectl succeeded with ${JSON.stringify(output)}`]
  return KUBECTL_ERROR.test(output) ? [] : [`kubectl failed with ${JSON.stringify(output)}`]
}

const CODES = new Set([200, 201, 400, 403, 404, 409, 422])
// The kind is printed as sent (%s in kube-apiserver), so it may be whitespace: "\t in version …".
const BAD_REQUEST =
  /^([\s\S]+? in version "[^"]*" cannot be handled as a \S+: |the object provided is unrecognized \(must be of type \S+\): )/

function responseProblems(code: number, body: unknown): string[] {
  if (!CODES.has(code))
    return [`sim.request answered ${code}: ${JSON.stringify(body).slice(0, 300)}`]
  if (code < 400) return []
  const status = body as { kind?: unknown; message?: unknown; code?: unknown; reason?: unknown }
  if (status.kind !== 'Status' || typeof status.message !== 'string' || status.code !== code)
    return [`not a Status: ${JSON.stringify(body).slice(0, 300)}`]
  if (code === 400 && !BAD_REQUEST.test(status.message)) return [`400 says ${status.message}`]
  return []
}

/** Every stored object decodes strictly into its kind and passes its kind's validation. */
export function storedObjectProblems(sim: Simulation): string[] {
  const problems: string[] = []
  for (const object of sim.snapshot().objects) {
    const info = findResourceByKind(object.apiVersion ?? '', object.kind ?? '')
    const kind = info ? kindOf(info) : undefined
    if (!info || !kind) continue
    const decoded = goUnmarshal(JSON.stringify(object), kindType(kind), { strict: true })
    if (!decoded.ok || decoded.strictErrors.length > 0)
      problems.push(
        `stored ${info.kind} ${object.metadata?.name ?? ''} does not decode: ${JSON.stringify(decoded).slice(0, 300)}`,
      )
    const errors = validateObject(info, object)
    if (errors.length > 0)
      problems.push(
        `stored ${info.kind} ${object.metadata?.name ?? ''} is invalid: ${JSON.stringify(errors)}`,
      )
  }
  return problems
}
