/**
 * How a listening container answers a connection: what an HTTP probe, a TCP probe or a
 * client's request to a Service endpoint gets back. Pure: it depends only on the server
 * kind, the port and path, and how long the process has been running.
 */
import type { ServerBehaviour } from './timeline'

export type ConnectResult =
  | { kind: 'refused' }
  | { kind: 'http'; status: number; body: string; bytes: number }
  /** Accepted, but not an HTTP server: an HTTP client sees an empty reply. */
  | { kind: 'tcp' }

// The default pages' sizes, as the images serve them.
const NGINX_INDEX_BYTES = 615
const NGINX_404_BYTES = 153
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n'

function nginx(path: string): ConnectResult {
  if (path === '/' || path === '/index.html')
    return { kind: 'http', status: 200, body: 'Welcome to nginx!', bytes: NGINX_INDEX_BYTES }
  return { kind: 'http', status: 404, body: '404 Not Found', bytes: NGINX_404_BYTES }
}

function agnhost(server: ServerBehaviour, path: string, upMs: number, host: string): ConnectResult {
  const ok = (body: string): ConnectResult => ({
    kind: 'http',
    status: 200,
    body,
    bytes: body.length,
  })
  switch (server.kind) {
    case 'agnhost-serve-hostname':
      return ok(host)
    case 'agnhost-liveness': {
      // agnhost liveness: /healthz answers 200 "ok" for the first 10 s, then 500 "error: <secs>".
      // Source: test/images/agnhost/liveness/server.go (kubernetes v1.32)
      if (path !== '/healthz' && path !== '/started')
        return { kind: 'http', status: 404, body: '404 page not found', bytes: 19 }
      if (upMs / 1000 > 10) {
        const body = `error: ${(upMs / 1000).toFixed(6)}`
        return { kind: 'http', status: 500, body, bytes: body.length }
      }
      return ok('ok')
    }
    default:
      if (path === '/hostname') return ok(host)
      if (path === '/healthz') return ok('')
      if (path.startsWith('/echo')) return ok(decodeURIComponent(path.split('msg=')[1] ?? ''))
      return ok(`NOW: ${upMs}`)
  }
}

/** What a connection to `port` finds `upMs` after the process started. */
export function connect(
  server: ServerBehaviour | undefined,
  port: number,
  path: string,
  upMs: number,
  hostname: string,
): ConnectResult {
  if (!server?.ports.includes(port)) return { kind: 'refused' }
  switch (server.kind) {
    case 'nginx':
      return nginx(path)
    case 'httpd':
      return path === '/'
        ? { kind: 'http', status: 200, body: 'It works!', bytes: HTTPD_INDEX.length }
        : { kind: 'http', status: 404, body: 'Not Found', bytes: 196 }
    case 'redis':
    case 'postgres':
      return { kind: 'tcp' }
    case 'agnhost-netexec':
    case 'agnhost-serve-hostname':
    case 'agnhost-liveness':
      return agnhost(server, path, upMs, hostname)
    case 'generic':
      return { kind: 'http', status: 200, body: 'OK', bytes: 2 }
  }
}
