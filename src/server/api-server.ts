import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseYaml } from 'yaml'
import { apiFailure, bodyTooLarge, unauthorized } from '../sim/index'
import { applyBodyAsJson } from './apply-body'
import { authenticate, impersonation, type ClientSubject } from './auth'
import { readBody } from './body'
import { serveDiscovery } from './discovery-routes'
import { serveHealth, serveVersion } from './health'
import { serveOpenApi } from './openapi/openapi-routes'
import {
  negotiate,
  notAcceptable,
  queryOf,
  unsupportedMediaType,
  writeError,
  writeObject,
  writeText,
  type MediaType,
} from './respond'
import type { ServedCall, ServedSimulation } from './served-simulation'

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// Object bodies may be JSON or YAML (the YAML serializer is offered for create and update).
const OBJECT_TYPES = new Set(['', 'application/json', 'application/yaml'])
const PATCH_TYPES = new Set([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
])

/** Everything one served request needs besides itself. */
export interface ServeContext {
  served: ServedSimulation
  /** "127.0.0.1:6443", for /api's serverAddressByClientCIDRs. */
  address: string
}

/**
 * kube-apiserver's handler chain for a real client: authentication (client certificates;
 * anonymous only for the health checks, as --anonymous-auth with AuthenticationConfiguration's
 * anonymous.conditions allows in v1.32), then the non-resource endpoints the server serves from
 * memory (health, version, discovery, OpenAPI), then the REST resources, which the simulated
 * kube-apiserver answers.
 */
export async function handleRequest(
  context: ServeContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader('Audit-Id', randomUUID())
  res.setHeader('Cache-Control', 'no-cache, private')
  const { path, query } = queryOf(req)
  const method = req.method ?? 'GET'
  if (serveHealth(context, path, query, method, res)) return
  const user = authenticate(req)
  if (!user) {
    writeError(res, unauthorized())
    return
  }
  const media = negotiate(req.headers.accept)
  if (method === 'GET' && serveVersion(path, res)) return
  if (method === 'GET' && serveDiscovery(context, path, req, res)) return
  if (method === 'GET' && serveOpenApi(path, query, res)) return
  if (!path.startsWith('/api/') && !path.startsWith('/apis/')) {
    writeText(res, 404, '404 page not found\n')
    return
  }
  if (!METHODS.has(method)) {
    writeError(
      res,
      apiFailure(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      ),
    )
    return
  }
  if (media === undefined) {
    writeError(res, notAcceptable())
    return
  }
  await serveResource(context, { req, res, user, path, query, method, media })
}

interface ResourceRequest {
  req: IncomingMessage
  res: ServerResponse
  user: ClientSubject
  path: string
  query: Record<string, string>
  method: string
  media: MediaType
}

/** The body as JSON text for the simulated API server, or the error that ends the request. */
async function bodyFor(
  r: ResourceRequest,
): Promise<{ text?: string; contentType?: string } | undefined> {
  if (!BODY_METHODS.has(r.method)) return {}
  const contentType =
    (r.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const read = await readBody(r.req)
  if (!read.ok) {
    writeError(r.res, bodyTooLarge(), r.media)
    return undefined
  }
  if (r.method === 'PATCH') {
    if (!PATCH_TYPES.has(contentType)) {
      writeError(r.res, unsupportedPatch(), r.media)
      return undefined
    }
    if (contentType === 'application/apply-patch+yaml') {
      const json = applyBodyAsJson(read.text)
      if ('error' in json) {
        writeError(r.res, apiFailure(400, 'BadRequest', json.error), r.media)
        return undefined
      }
      return { text: json.text, contentType }
    }
    return { text: read.text, contentType }
  }
  if (r.method === 'DELETE' && read.text === '') return {}
  if (!OBJECT_TYPES.has(contentType)) {
    writeError(r.res, unsupportedMediaType(), r.media)
    return undefined
  }
  if (contentType === 'application/yaml') return yamlAsJson(r, read.text)
  return { text: read.text }
}

function yamlAsJson(r: ResourceRequest, text: string): { text: string } | undefined {
  try {
    return { text: JSON.stringify(parseYaml(text) ?? null) }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    writeError(
      r.res,
      apiFailure(400, 'BadRequest', `error converting YAML to JSON: yaml: ${message}`),
      r.media,
    )
    return undefined
  }
}

/** PatchResource's 415 (handlers/patch.go): the patch types it accepts. */
function unsupportedPatch() {
  return apiFailure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${[...PATCH_TYPES].join(', ')}`,
  )
}

async function serveResource(context: ServeContext, r: ResourceRequest): Promise<void> {
  const body = await bodyFor(r)
  if (!body) return
  const { served } = context
  if (!served.apiServerUp()) {
    // Nothing listens while kube-apiserver is down: the connection is reset.
    r.req.socket.destroy()
    return
  }
  const call: ServedCall = {
    method: r.method as ServedCall['method'],
    path: r.path,
    query: r.query,
    body: body.text,
    contentType: body.contentType,
    accept: r.req.headers.accept,
    userAgent: r.req.headers['user-agent'],
    certificate: r.user,
  }
  const impersonate = impersonation(r.req)
  if (impersonate) call.impersonate = impersonate
  let streaming = false
  const startStream = () => {
    if (streaming) return
    streaming = true
    r.res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' })
    r.res.flushHeaders()
  }
  const cancel = served.call(call, {
    response: (code, responseBody, warnings) => {
      if (code === 0) {
        r.req.socket.destroy()
        return
      }
      if (streaming) {
        r.res.end(`${JSON.stringify({ type: 'ERROR', object: responseBody })}\n`)
        return
      }
      // pods/log answers with the log itself, as text/plain (pkg/registry/core/pod/rest/log.go).
      if (code === 200 && typeof responseBody === 'string') writeText(r.res, code, responseBody)
      else writeObject(r.res, code, responseBody, r.media, warnings ?? [])
    },
    watchStarted: startStream,
    watchEvent: (type, object) => {
      r.res.write(`${JSON.stringify({ type, object })}\n`)
    },
    watchTimedOut: () => {
      startStream()
      r.res.end()
    },
  })
  r.res.on('close', cancel)
}
