import type { ServerResponse } from 'node:http'
import type { ServeContext } from './api-server'
import { writeObject, writeText } from './respond'

/**
 * /version: the version this simulation models. kubectl prints gitVersion as "Server Version".
 * Source: staging/src/k8s.io/apimachinery/pkg/version/types.go (Info); Kubernetes v1.32.0 was
 * built with go1.23.3.
 */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
}

export function serveVersion(path: string, res: ServerResponse): boolean {
  if (path !== '/version' && path !== '/version/') return false
  writeObject(res, 200, VERSION_INFO)
  return true
}

interface Check {
  name: string
  ok: boolean
}

/**
 * The checks /livez and /readyz run, from the simulation's state: the process is up, and (for
 * readiness) etcd has a leader. Source: staging/src/k8s.io/apiserver/pkg/server/healthz
 * (healthz.go: "[+]name ok", "[-]name failed: reason withheld", "<kind> check passed|failed").
 */
function checks(context: ServeContext, path: string): Check[] {
  const up = context.served.apiServerUp()
  const list: Check[] = [
    { name: 'ping', ok: up },
    { name: 'log', ok: up },
  ]
  if (path !== '/livez') list.push({ name: 'etcd', ok: up && context.served.etcdHasLeader() })
  return list
}

/** /healthz, /livez, /readyz: anonymous (system:public-info-viewer allows them). */
export function serveHealth(
  context: ServeContext,
  path: string,
  query: Record<string, string>,
  method: string,
  res: ServerResponse,
): boolean {
  const kind = ['/healthz', '/livez', '/readyz'].find((p) => path === p)
  if (!kind || method !== 'GET') return false
  if (!context.served.apiServerUp()) {
    // Nothing answers while the simulated kube-apiserver is down.
    res.socket?.destroy()
    return true
  }
  const results = checks(context, kind)
  const ok = results.every((c) => c.ok)
  const name = kind.slice(1)
  if ('verbose' in query || !ok) {
    const lines = results.map((c) =>
      c.ok ? `[+]${c.name} ok` : `[-]${c.name} failed: reason withheld`,
    )
    lines.push(`${name} check ${ok ? 'passed' : 'failed'}`)
    writeText(res, ok ? 200 : 500, `${lines.join('\n')}\n`)
  } else writeText(res, 200, 'ok')
  return true
}
