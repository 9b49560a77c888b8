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
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { SIM_EPOCH_UNIX_MS } from '../../core/time'
import type { DescribeCase } from './describe-cases'
import { makeDescribeCases } from './describe-cases'
import { makeGetCases, makeMultiGetCases } from './get-cases'
import { NOW_SIM_MS } from './pod-fixtures'

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
let answersByResource: Record<string, unknown> = {}
let describing: { pod: unknown; events: unknown } | undefined

/** kubectl describe takes event ages from its own clock: move event times to the real now. */
function shiftEvents(events: readonly Event[]): Event[] {
  const shiftMs = Math.floor((Date.now() - (SIM_EPOCH_UNIX_MS + NOW_SIM_MS)) / 1000) * 1000
  const shift = (text: string): string => {
    const moved = new Date(Date.parse(text) + shiftMs).toISOString()
    return text.includes('.')
      ? moved.replace(/\.(\d{3})Z$/, '.$1000Z')
      : moved.replace(/\.\d{3}Z$/, 'Z')
  }
  return events.map((e) => ({
    ...e,
    ...(e.firstTimestamp ? { firstTimestamp: shift(e.firstTimestamp) } : {}),
    ...(e.lastTimestamp ? { lastTimestamp: shift(e.lastTimestamp) } : {}),
    ...(e.eventTime ? { eventTime: shift(e.eventTime) } : {}),
    ...(e.series?.lastObservedTime
      ? { series: { ...e.series, lastObservedTime: shift(e.series.lastObservedTime) } }
      : {}),
  }))
}

/** "Terminating (lasts 12m)" is also measured with kubectl's clock. */
function shiftDeletion(pod: Pod): Pod {
  const deletion = pod.metadata?.deletionTimestamp
  if (deletion === undefined) return pod
  const [event] = shiftEvents([{ metadata: {}, involvedObject: {}, firstTimestamp: deletion }])
  return {
    ...pod,
    metadata: { ...pod.metadata, deletionTimestamp: event?.firstTimestamp ?? deletion },
  }
}

function describeAnswer(path: string): unknown {
  if (describing === undefined) return undefined
  if (/^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+$/.test(path)) return describing.pod
  if (/^\/api\/v1\/namespaces\/[^/]+\/events$/.test(path)) return describing.events
  return undefined
}

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0] ?? '/'
  const byResource = answersByResource[path.split('/').at(-1) ?? '']
  const body = DISCOVERY[path] ?? describeAnswer(path) ?? byResource ?? answer
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
  for (const testCase of makeMultiGetCases()) {
    answersByResource = Object.fromEntries(testCase.parts.map((p) => [p.resource, p.table]))
    const { stdout, stderr } = await run('kubectl', [...base, ...testCase.args], { env })
    writeFileSync(join(outDir, `${testCase.id}.txt`), stdout)
    if (stderr !== '') writeFileSync(join(outDir, `${testCase.id}.stderr.txt`), stderr)
    console.warn(`captured ${testCase.id}`)
    answersByResource = {}
  }
  for (const testCase of makeDescribeCases()) await captureDescribe(testCase, base, env, outDir)
}

async function captureDescribe(
  testCase: DescribeCase,
  base: string[],
  env: NodeJS.ProcessEnv,
  outDir: string,
): Promise<void> {
  const { name = '', namespace = 'default' } = testCase.pod.metadata ?? {}
  const items = shiftEvents(testCase.events)
  describing = {
    pod: shiftDeletion(testCase.pod),
    events: { kind: 'EventList', apiVersion: 'v1', metadata: {}, items },
  }
  const args = [...base, 'describe', 'pod', name, '-n', namespace]
  const { stdout } = await run('kubectl', args, { env })
  writeFileSync(join(outDir, `${testCase.id}.txt`), stdout)
  console.warn(`captured ${testCase.id}`)
  describing = undefined
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
