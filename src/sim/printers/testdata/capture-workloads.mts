/**
 * Captures the workload goldens from a real kubectl v1.32: runs the simulation to get real
 * objects (writes them to workload-fixture.json), serves them read-only on 127.0.0.1 with event
 * and pod times moved to the real clock (kubectl takes ages from time.Now), runs each case's
 * kubectl command and writes stdout to <id>.txt. Dev tool only, never run by tests.
 *
 *   npx rolldown src/sim/printers/testdata/capture-workloads.mts -p node -f esm \
 *     -o /tmp/capture-workloads.mjs && node /tmp/capture-workloads.mjs src/sim/printers/testdata
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { SIM_EPOCH_UNIX_MS } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import { createSimulation } from '../../simulation'
import { BOOT_MS, NGINX_DEPLOYMENT_YAML, PI_JOB_YAML } from '../../testing/manifests'
import { fixtureAnswer } from './fixture-server'
import { makeWorkloadCases, type WorkloadFixture } from './workload-cases'

const KINDS = new Set(['Deployment', 'ReplicaSet', 'Pod', 'Event', 'Node', 'Lease', 'Job'])

function simulate(): WorkloadFixture {
  const sim = createSimulation({ seed: 7 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', NGINX_DEPLOYMENT_YAML)
  sim.advance(30_000)
  sim.kubectl('set image deployment/nginx-deployment nginx=nginx:1.16.1')
  sim.advance(60_000)
  sim.kubectl('apply -f -', PI_JOB_YAML)
  sim.advance(20_000)
  // A whole second, as kubectl's clock is when it starts at the top of a real second.
  sim.advanceTo(Math.ceil(sim.nowMs / 1000) * 1000)
  const objects = sim
    .snapshot()
    .objects.filter(
      (o) =>
        KINDS.has(String(o.kind)) &&
        (o.kind !== 'Lease' || o.metadata?.namespace === 'kube-node-lease'),
    )
  return { nowMs: sim.nowMs, objects }
}

const group = (name: string) => ({
  name,
  versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
  preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
})
const resource = (name: string, kind: string, namespaced: boolean, shortNames: string[] = []) => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced,
  kind,
  verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  ...(shortNames.length > 0 ? { shortNames } : {}),
})
const list = (groupVersion: string, resources: unknown[]) => ({
  kind: 'APIResourceList',
  groupVersion,
  resources,
})
const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: ['apps', 'batch', 'coordination.k8s.io'].map(group),
  },
  '/api/v1': list('v1', [
    resource('pods', 'Pod', true, ['po']),
    resource('nodes', 'Node', false, ['no']),
    resource('events', 'Event', true, ['ev']),
  ]),
  '/apis/apps/v1': list('apps/v1', [
    resource('replicasets', 'ReplicaSet', true, ['rs']),
    resource('deployments', 'Deployment', true, ['deploy']),
  ]),
  '/apis/batch/v1': list('batch/v1', [resource('jobs', 'Job', true)]),
  '/apis/coordination.k8s.io/v1': list('coordination.k8s.io/v1', [
    resource('leases', 'Lease', true),
  ]),
}

const fixture = simulate()
let shiftMs = 0

/** Event times and pod creation times as of the real clock (whole seconds, like the API). */
function shifted(object: KubeObject): KubeObject {
  const move = (text: unknown) =>
    typeof text === 'string'
      ? new Date(Date.parse(text) + shiftMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : text
  if (object.kind === 'Event')
    return {
      ...object,
      firstTimestamp: move(object['firstTimestamp']),
      lastTimestamp: move(object['lastTimestamp']),
    }
  if (object.kind === 'Pod')
    return {
      ...object,
      metadata: {
        ...object.metadata,
        creationTimestamp: move(object.metadata?.creationTimestamp) as string,
      },
    }
  return object
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://x')
  const query = Object.fromEntries(url.searchParams)
  const body =
    DISCOVERY[url.pathname] ?? fixtureAnswer(fixture.objects.map(shifted), url.pathname, query)
  response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' })
  response.end(
    JSON.stringify(
      body ?? {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      },
    ),
  )
})

const run = promisify(execFile)

async function captureAll(): Promise<void> {
  const { port } = server.address() as AddressInfo
  const outDir = process.argv[2] ?? '.'
  writeFileSync(join(outDir, 'workload-fixture.json'), `${JSON.stringify(fixture, null, 1)}\n`)
  const home = mkdtempSync(join(tmpdir(), 'kubectl-capture-'))
  const env = { ...process.env, HOME: home, KUBECONFIG: join(home, 'none'), TZ: 'UTC' }
  const base = ['--server', `http://127.0.0.1:${port}`, '--cache-dir', join(home, 'cache')]
  for (const testCase of makeWorkloadCases(fixture)) {
    // Start at the top of a real second, so ages cannot tick over while kubectl runs.
    while (Date.now() % 1000 > 20) await new Promise((r) => setTimeout(r, 1))
    shiftMs = Math.floor((Date.now() - (SIM_EPOCH_UNIX_MS + fixture.nowMs)) / 1000) * 1000
    const { stdout } = await run('kubectl', [...base, ...testCase.args], { env })
    writeFileSync(join(outDir, `${testCase.id}.txt`), stdout)
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
