import type { KubeObject } from '../../model/objects'
import type { AuthenticatedUser } from '../authz/attributes'
import type { DecodedPatch } from '../decoding/decode-patch'
import { goUnmarshal } from '../decoding/go-unmarshal'
import { kindType, type RegisteredKind } from '../decoding/go-types'
import type { ResourceInfo } from '../resources'
import { badRequest, internalError } from '../status'
import { applyConfiguration, recordUpdate, type ApplyResult, type Writer } from './managed-fields'

/** Who a write is recorded as, and whether it names itself (then it is always recorded). */
export interface WriteManager {
  manager: string
  /** The request named a fieldManager or sent a User-Agent, as real clients do. */
  named: boolean
}

// The simulated control-plane components send no User-Agent; their names are what their real
// User-Agents start with ("kube-controller-manager/v1.32.0 (linux/amd64) …").
const COMPONENT_USERS: Readonly<Record<string, string>> = {
  'system:kube-controller-manager': 'kube-controller-manager',
  'system:kube-scheduler': 'kube-scheduler',
  'system:kube-proxy': 'kube-proxy',
}

/**
 * managerOrUserAgent (handlers/rest.go, v1.32): the fieldManager query, else the User-Agent up to
 * its first "/" ("kubectl" for kubectl/v1.32.0 …).
 */
export function writeManager(
  query: Readonly<Record<string, string>>,
  userAgent: string | undefined,
  user: AuthenticatedUser | undefined,
): WriteManager {
  const fieldManager = query['fieldManager'] ?? ''
  if (fieldManager !== '') return { manager: fieldManager, named: true }
  if (userAgent !== undefined && userAgent !== '')
    return { manager: userAgent.split('/')[0] ?? '', named: true }
  const name = user?.name ?? ''
  if (name.startsWith('system:node:')) return { manager: 'kubelet', named: false }
  // --use-service-account-credentials: each controller runs as its own service account.
  if (name.startsWith('system:serviceaccount:kube-system:') && name.endsWith('-controller'))
    return { manager: 'kube-controller-manager', named: false }
  return { manager: COMPONENT_USERS[name] ?? name, named: false }
}

const groupVersion = (info: { group: string; version: string }): string =>
  info.group === '' ? info.version : `${info.group}/${info.version}`

/** What a write needs to record managers: the request's manager, its version and subresource. */
export function writerFor(
  info: ResourceInfo,
  manager: WriteManager,
  subresource: string | undefined,
  nowMs: number,
): Writer {
  return {
    manager: manager.manager,
    apiVersion: groupVersion(info),
    ...(subresource !== undefined ? { subresource } : {}),
    nowMs,
  }
}

/** Records an Update when the writer names itself or the object is already tracked. */
export function maybeRecordUpdate(
  current: KubeObject | undefined,
  next: KubeObject,
  writer: Writer,
  named: boolean,
): KubeObject {
  const tracked = (current?.metadata?.managedFields?.length ?? 0) > 0
  return named || tracked ? recordUpdate(current, next, writer) : next
}

/** GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
const gvkText = (kind: RegisteredKind): string => `${kind.group}/${kind.version}, Kind=${kind.kind}`

/**
 * The checks structuredMergeManager.Apply and patcher.applyPatch make around the merge
 * (structuredmerge.go, handlers/patch.go, v1.32): the configuration's version must be the URL's,
 * it may not carry managedFields, every field must be in the schema (a plain error there is a
 * 500), and its name and namespace must be the URL's. Then the merge itself.
 */
export function applyPatch(
  kind: RegisteredKind,
  target: { name: string; namespace: string | undefined },
  current: KubeObject | undefined,
  patch: DecodedPatch,
  writer: Writer,
  force: boolean,
): ApplyResult {
  const config = patch.patch
  const specified = config.apiVersion ?? ''
  if (specified !== groupVersion(kind))
    return fail(
      badRequest(
        `Incorrect version specified in apply patch. Specified patch version: ${specified}, expected: ${groupVersion(kind)}`,
      ),
    )
  if (config.metadata?.managedFields !== undefined)
    return fail(badRequest('metadata.managedFields must be nil'))
  const typed = goUnmarshal(JSON.stringify(config), kindType(kind), { strict: true })
  const unknown = typed.ok
    ? typed.strictErrors.find((e) => e.startsWith('unknown field'))
    : undefined
  if (unknown !== undefined) {
    const field = `.${JSON.parse(unknown.slice('unknown field '.length)) as string}`
    const where = `${config.metadata?.namespace ?? ''}/${config.metadata?.name ?? ''}; ${gvkText(kind)}`
    return fail(
      internalError(
        `failed to create typed patch object (${where}): ${field}: field not declared in schema`,
      ),
    )
  }
  const name = config.metadata?.name
  if (name !== undefined && name !== target.name)
    return fail(
      badRequest(
        `the name of the object (${name}) does not match the name on the URL (${target.name})`,
      ),
    )
  const namespace = config.metadata?.namespace
  if (namespace !== undefined && namespace !== '' && namespace !== target.namespace)
    return fail(
      badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      ),
    )
  // NB: upstream words this as yaml.UnmarshalStrict does (with line numbers); the sim's
  // decoder reports the duplicate keys it found.
  if (patch.validation === 'Strict' && patch.strictErrors.length > 0)
    return fail(badRequest(`error strict decoding YAML: ${patch.strictErrors.join(', ')}`))
  return applyConfiguration(current, config, writer, force)
}

const fail = (error: ReturnType<typeof badRequest>): ApplyResult => ({ ok: false, error })
