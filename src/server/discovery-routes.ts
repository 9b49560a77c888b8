import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServeContext } from './api-server'
import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  apiResourceList,
  legacyApiGroup,
  legacyApiGroupList,
  legacyApiVersions,
  wantsAggregated,
} from './discovery'
import { writeObject } from './respond'

/** Serves /api, /apis, /api/v1, /apis/<group>[/<version>]; false for any other path. */
export function serveDiscovery(
  context: ServeContext,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const parts = path.split('/').filter((p) => p !== '')
  if (parts.length === 1 && (parts[0] === 'api' || parts[0] === 'apis')) {
    const core = parts[0] === 'api'
    if (wantsAggregated(req.headers.accept)) {
      const body = `${JSON.stringify(aggregatedDiscovery(core))}\n`
      res.writeHead(200, {
        'Content-Type': AGGREGATED_CONTENT_TYPE,
        'Content-Length': Buffer.byteLength(body),
      })
      res.end(body)
    } else writeObject(res, 200, core ? legacyApiVersions(context.address) : legacyApiGroupList())
    return true
  }
  if (parts[0] === 'api' && parts.length === 2)
    return serveIfFound(res, apiResourceList('', parts[1] ?? ''))
  if (parts[0] === 'apis' && parts.length === 2)
    return serveIfFound(res, legacyApiGroup(parts[1] ?? ''))
  if (parts[0] === 'apis' && parts.length === 3)
    return serveIfFound(res, apiResourceList(parts[1] ?? '', parts[2] ?? ''))
  return false
}

function serveIfFound(res: ServerResponse, body: object | undefined): boolean {
  if (!body) return false
  writeObject(res, 200, body)
  return true
}
