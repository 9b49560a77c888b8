import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SimulationOptions } from '../../sim/index'
import { startServer, type RunningServer } from '../serve'

/**
 * What the real-kubectl suites share: the kubectl v1.32 probe, a served simulation started and
 * stopped around a suite, kubectl run against its kubeconfig, and the table helpers. Each suite
 * gets its own server, so suites in different files run apart.
 */

export interface KubectlRun {
  code: number
  stdout: string
  stderr: string
}

/** Whether the kubectl on PATH is v1.32, the version whose output the suites compare with. */
export function probeKubectlV132(): { ok: true } | { ok: false; why: string } {
  const probe = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return { ok: false, why: 'kubectl is not on PATH' }
  const version = (JSON.parse(probe.stdout) as { clientVersion?: { gitVersion?: string } })
    .clientVersion?.gitVersion
  if (!version?.startsWith('v1.32.'))
    return { ok: false, why: `kubectl is ${version ?? 'of unknown version'}, not v1.32` }
  return { ok: true }
}

export interface ServedKubectl {
  /** For beforeAll: serves a fresh simulation (booted for 3 virtual seconds) at 4x speed. */
  start: () => Promise<void>
  /** For afterAll. */
  stop: () => Promise<void>
  readonly server: RunningServer
  /** The suite's scratch directory (it holds the server's PKI too). */
  readonly dir: string
  kubectl: (...args: string[]) => Promise<KubectlRun>
  kubectlWithInput: (input: string, ...args: string[]) => Promise<KubectlRun>
  /** Writes a file in the scratch directory, for -f; returns its path. */
  manifest: (name: string, text: string) => string
  /** Polls the Pod's phase with kubectl until it is `phase`; the test's timeout bounds it. */
  waitForPhase: (name: string, phase: string) => Promise<void>
}

export function servedKubectl(prefix: string, sim: SimulationOptions): ServedKubectl {
  let server: RunningServer | undefined
  let dir: string | undefined
  const running = (): RunningServer => {
    if (!server) throw new Error('the served simulation is not started (call start in beforeAll)')
    return server
  }
  const scratch = (): string => {
    if (!dir) throw new Error('the served simulation is not started (call start in beforeAll)')
    return dir
  }
  const kubectlWithInput = (input: string, ...args: string[]): Promise<KubectlRun> =>
    new Promise((resolve) => {
      const child = execFile(
        'kubectl',
        args,
        { env: { ...process.env, KUBECONFIG: running().kubeconfig }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
          resolve({ code, stdout, stderr })
        },
      )
      child.stdin?.end(input)
    })
  const kubectl = (...args: string[]) => kubectlWithInput('', ...args)
  return {
    async start() {
      dir = mkdtempSync(join(tmpdir(), prefix))
      server = await startServer({
        host: '127.0.0.1',
        port: 0,
        viewerPort: 0,
        dir,
        sim,
        speed: 4,
        followMessages: false,
        bootMs: 3_000,
      })
    },
    async stop() {
      await server?.close()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
    get server() {
      return running()
    },
    get dir() {
      return scratch()
    },
    kubectl,
    kubectlWithInput,
    manifest(name, text) {
      const path = join(scratch(), name)
      writeFileSync(path, text)
      return path
    },
    async waitForPhase(name, phase) {
      for (;;) {
        const run = await kubectl('get', 'pod', name, '-o', 'jsonpath={.status.phase}')
        if (run.stdout === phase) return
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    },
  }
}

const AGE = /^(\d+(s|m|h|d)(\d+(s|m|h))?|<invalid>)$/

/** A printed table as cells (columns are two or more spaces apart), AGE values masked. */
export function cells(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/ {2,}/)
        .map((cell) => (AGE.test(cell) ? '<age>' : cell)),
    )
}

/** Waits (polling) until `condition` holds; the test's timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100))
}

/** A minimal Pod manifest; `labels` is the indented YAML under metadata.labels. */
export const podManifest = (name: string, labels: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels}
spec:
  containers:
  - name: web
    image: nginx:1.27
`
