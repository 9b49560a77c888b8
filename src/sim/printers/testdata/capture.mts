/**
 * Captures the golden files from a real kubectl v1.32: serves each case's Table (and the
 * discovery documents kubectl needs) on 127.0.0.1, runs kubectl against it and writes stdout to
 * testdata/<id>.txt (stderr, if any, to <id>.stderr.txt). Dev tool only, never run by tests.
 *
 *   npx rolldown src/sim/printers/testdata/capture.mts -p node -f esm -o /tmp/capture.mjs \
 *     && node /tmp/capture.mjs src/sim/printers/testdata
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { makeGetCases } from './get-cases'

const resource = (name: string, kind: string, namespaced: boolean, shortNames: string[] = []) => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced,
  kind,
  verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  ...(shortNames.length > 0 ? { shortNames } : {}),
})

const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      {
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      },
    ],
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('pods', 'Pod', true, ['po']),
      resource('nodes', 'Node', false, ['no']),
      resource('events', 'Event', true, ['ev']),
      resource('services', 'Service', true, ['svc']),
      resource('namespaces', 'Namespace', false, ['ns']),
    ],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    groupVersion: 'apps/v1',
    resources: [
      resource('replicasets', 'ReplicaSet', true, ['rs']),
      resource('deployments', 'Deployment', true, ['deploy']),
    ],
  },
}

let answer: unknown = {}

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0] ?? '/'
  const body = DISCOVERY[path] ?? answer
  response.writeHead(200, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
})

const run = promisify(execFile)

async function captureAll(): Promise<void> {
  const { port } = server.address() as AddressInfo
  const outDir = process.argv[2] ?? '.'
  const home = mkdtempSync(join(tmpdir(), 'kubectl-capture-'))
  const env = { ...process.env, HOME: home, KUBECONFIG: join(home, 'none'), TZ: 'UTC' }
  const url = `http://127.0.0.1:${port}`
  const base = ['--server', url, '--cache-dir', join(home, 'cache'), '--request-timeout=5s']
  for (const testCase of makeGetCases()) {
    answer = testCase.table
    const { stdout, stderr } = await run('kubectl', [...base, ...testCase.args], { env })
    writeFileSync(join(outDir, `${testCase.id}.txt`), stdout)
    if (stderr !== '') writeFileSync(join(outDir, `${testCase.id}.stderr.txt`), stderr)
    console.warn(`captured ${testCase.id}`)
  }
}

server.listen(0, '127.0.0.1', () => {
  captureAll().then(
    () => server.close(),
    (error: unknown) => {
      console.error(error)
      server.close()
    },
  )
})
