import { clientFor } from './state'
import { findResourceByKind, restPath, type ResourceInfo } from '../apiserver/resources'
import { deepCopy, type KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { API_SERVER_URL, callApi, isTransportFailure } from '../runtime/api-client'
import { print } from './commands'
import { resourceName, sortedJson } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { threeWayPatch } from './three-way'

// Source: corev1.LastAppliedConfigAnnotation, k8s.io/api core/v1/annotation_key_constants.go (v1.32)
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

const infoOf = (doc: KubeObject): ResourceInfo =>
  findResourceByKind(doc.apiVersion ?? '', doc.kind ?? '') as ResourceInfo

function namespaceOf(cmd: KubectlCommand, doc: KubeObject, info: ResourceInfo): string | undefined {
  return info.namespaced ? (doc.metadata?.namespace ?? cmd.namespace) : undefined
}

// What apply and create put in the query (FieldManager defaults; --validate=strict, the
// default since v1.27, sends fieldValidation=Strict): captured from kubectl v1.32.
const APPLY_QUERY = { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }
const CREATE_QUERY = { fieldManager: 'kubectl-create', fieldValidation: 'Strict' }

/** The document as the builder hands it on: namespaced kinds get their namespace filled in. */
function withNamespace(cmd: KubectlCommand, doc: KubeObject, info: ResourceInfo): KubeObject {
  const namespace = namespaceOf(cmd, doc, info)
  if (namespace === undefined) return doc
  return { ...doc, metadata: { ...doc.metadata, namespace } }
}

/**
 * The manifest plus the annotation recording it (GetModifiedConfiguration, kubectl apply): the
 * annotation is the object's JSON, sorted by key, with its annotations minus this one.
 */
function withLastApplied(doc: KubeObject): KubeObject {
  const copy = deepCopy(doc)
  const annotations = { ...copy.metadata?.annotations }
  delete annotations[LAST_APPLIED]
  const recorded = { ...copy, metadata: { ...copy.metadata, annotations } }
  const metadata = { ...copy.metadata }
  metadata.annotations = { ...annotations, [LAST_APPLIED]: `${sortedJson(recorded)}\n` }
  copy.metadata = metadata
  return copy
}

/** Sends the request for the current document: GET (apply) or POST (create). */
export function nextDocument(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const manifest = cmd.docs[cmd.docIndex]
  if (!manifest) return false
  const info = infoOf(manifest)
  const doc = withNamespace(cmd, manifest, info)
  const namespace = namespaceOf(cmd, doc, info)
  const name = doc.metadata?.name ?? ''
  const about = { kind: info.kind, name, ...(namespace !== undefined ? { namespace } : {}) }
  if (cmd.verb === 'replace') {
    // kubectl replace: PUT the whole object back (rewriting it, e.g. to re-encrypt it at rest).
    callApi(
      ctx,
      clientFor(state, cmd),
      { method: 'PUT', path: restPath(info, namespace, name), body: doc, step: 1, about },
      { purpose: 'apply-write', data: { cmd: cmd.id, created: false, replaced: true } },
    )
    return true
  }
  if (cmd.verb === 'apply' && name === '') {
    // client-go refuses a GET without a name before sending it (rest/request.go); apply goes on.
    cmd.errors.push({
      text: `error when retrieving current configuration of:\n${mappingText(info, name, namespace)}\nfrom server for: "${cmd.source}": resource name may not be empty`,
    })
    cmd.docIndex++
    return nextDocument(ctx, state, cmd)
  }
  if (cmd.verb === 'apply' && cmd.flags['server-side'] === 'true') {
    serverSideApply(ctx, state, cmd, doc, info, about)
    return true
  }
  if (cmd.verb === 'apply') {
    callApi(
      ctx,
      clientFor(state, cmd),
      { method: 'GET', path: restPath(info, namespace, name), step: 1, about },
      { purpose: 'apply-get', data: cmd.id },
    )
  } else {
    const body = cmd.verb === 'apply' ? withLastApplied(doc) : doc
    callApi(
      ctx,
      clientFor(state, cmd),
      {
        method: 'POST',
        path: restPath(info, namespace),
        query: cmd.verb === 'apply' ? APPLY_QUERY : CREATE_QUERY,
        rawBody: sortedJson(body),
        step: 1,
        about,
        label: `POST ${restPath(info, namespace)} (${info.kind} ${name})`,
      },
      { purpose: 'apply-write', data: { cmd: cmd.id, created: true } },
    )
  }
  return true
}

/**
 * apply --server-side: the manifest as it is, PATCHed as application/apply-patch+yaml; the API
 * server merges it and records kubectl as its manager (or --field-manager), creating the object
 * if absent. Query as kubectl v1.32 sends it (captured with -v=8): fieldManager, fieldValidation,
 * force. NB: kubectl's follow-up requests (saving last-applied-configuration as
 * kubectl-last-applied, upgrading client-side managers) are not sent.
 */
function serverSideApply(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  doc: KubeObject,
  info: ResourceInfo,
  about: { kind: string; name: string; namespace?: string },
): void {
  const namespace = namespaceOf(cmd, doc, info)
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'PATCH',
      path: restPath(info, namespace, doc.metadata?.name ?? ''),
      query: {
        fieldManager: cmd.flags['field-manager'] ?? 'kubectl',
        fieldValidation: 'Strict',
        force: cmd.flags['force-conflicts'] === 'true' ? 'true' : 'false',
      },
      rawBody: sortedJson(doc),
      contentType: 'application/apply-patch+yaml',
      step: 1,
      about,
    },
    { purpose: 'apply-write', data: { cmd: cmd.id, created: false, serverSide: true } },
  )
}

// kubectl apply's advice after a conflict (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, v1.32).
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`

/** apply: absent → create with the annotation; present → three-way patch, or "unchanged". */
export function onApplyGet(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const manifest = cmd.docs[cmd.docIndex] as KubeObject
  const info = infoOf(manifest)
  const doc = withNamespace(cmd, manifest, info)
  const namespace = namespaceOf(cmd, doc, info)
  const name = doc.metadata?.name ?? ''
  const about = { kind: info.kind, name, ...(namespace !== undefined ? { namespace } : {}) }
  if (code === 404) {
    callApi(
      ctx,
      clientFor(state, cmd),
      {
        method: 'POST',
        path: restPath(info, namespace),
        query: APPLY_QUERY,
        rawBody: sortedJson(withLastApplied(doc)),
        step: 1,
        about,
        label: `POST ${restPath(info, namespace)} (${info.kind} ${name})`,
      },
      { purpose: 'apply-write', data: { cmd: cmd.id, created: true } },
    )
    return true
  }
  if (isTransportFailure(body) && body.transport.error.includes('connection refused')) {
    // Client-side validation downloads the OpenAPI schema first, and that is what fails.
    cmd.errors.push({
      text: `error: error validating "${cmd.source}": error validating data: failed to download openapi: Get "${API_SERVER_URL}/openapi/v2?timeout=32s": ${body.transport.error}; if you choose to ignore these errors, turn validation off with --validate=false`,
    })
    return false
  }
  if (code !== 200) {
    cmd.errors.push({
      status: body,
      context: `error when retrieving current configuration of:\n${mappingText(info, name, namespace)}\nfrom server for: "${cmd.source}": `,
      request: { verb: 'get', ...info, name },
    })
    return false
  }
  const current = body as KubeObject
  const lastText = current.metadata?.annotations?.[LAST_APPLIED]
  const original: unknown = lastText ? JSON.parse(lastText) : {}
  const patch = threeWayPatch(original, withLastApplied(doc), current)
  if (Object.keys(patch).length === 0) {
    print(cmd, `${resourceName(info, name)} unchanged`)
    return false
  }
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'PATCH',
      path: restPath(info, namespace, name),
      query: APPLY_QUERY,
      rawBody: sortedJson(patch),
      contentType: 'application/strategic-merge-patch+json',
      step: 1,
      about,
    },
    { purpose: 'apply-write', data: { cmd: cmd.id, created: false } },
  )
  return true
}

/** The write answered: print "pod/web created" / "configured", or the API server's error. */
export function onApplyWrite(
  cmd: KubectlCommand,
  created: boolean,
  code: number,
  body: unknown,
  replaced = false,
  serverSide = false,
): void {
  const doc = cmd.docs[cmd.docIndex] as KubeObject
  const info = infoOf(doc)
  if (code === 200 || code === 201) {
    const name = (body as KubeObject).metadata?.name ?? doc.metadata?.name ?? ''
    const done = serverSide
      ? 'serverside-applied'
      : replaced
        ? 'replaced'
        : created
          ? 'created'
          : 'configured'
    print(cmd, `${resourceName(info, name)} ${done}`)
    return
  }
  if (serverSide) {
    const status = body as { code?: number; reason?: string; message?: string }
    if (status.reason === 'Conflict' && status.code === 409)
      cmd.errors.push({ text: `error: ${status.message ?? ''}\n${CONFLICT_ADVICE}` })
    else cmd.errors.push({ status: body, context: '' })
    return
  }
  if (replaced) {
    cmd.errors.push({ status: body, context: `error when replacing "${cmd.source}": ` })
    return
  }
  const context = created
    ? `error when creating "${cmd.source}": `
    : `error when applying patch:\nto:\nResource: "${info.group === '' ? '' : `${info.group}/`}${info.version}, Resource=${info.resource}"\nName: "${doc.metadata?.name ?? ''}"\nfor: "${cmd.source}": `
  cmd.errors.push({ status: body, context, request: { verb: created ? 'post' : 'patch', ...info } })
}

/** "/v1" or "apps/v1", as kubectl's resource mapping prints a GroupVersion. */
function groupVersion(info: { group: string; version: string }): string {
  return `${info.group}/${info.version}`
}

/** The resource mapping lines kubectl prints about an object it could not read. */
function mappingText(info: ResourceInfo, name: string, namespace: string | undefined): string {
  return `Resource: "${groupVersion(info)}, Resource=${info.resource}", GroupVersionKind: "${groupVersion(info)}, Kind=${info.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`
}
