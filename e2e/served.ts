import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SimulationOptions } from '../src/sim/index'

const REPO = fileURLToPath(new URL('..', import.meta.url))
// Booting (certificates, then Vite's module runner loading the sources) on a busy machine.
const START_TIMEOUT_MS = 90_000

/** A running `npm run serve`, as the README tells an instructor to start it. */
export interface Served {
  attachUrl: string
  /** The app link serve printed for the class to open (?attach= with the token). */
  appLink: string
  kubeconfig: string
  dir: string
  /** The simulation's options (what the page's oracle replays). */
  options: SimulationOptions
  /** Stops the server (Ctrl-C) and waits for it to exit. */
  stop(): Promise<void>
}

/**
 * Starts `node src/server/serve-cli.mjs` (what `npm run serve` runs) on free ports, in a
 * temporary directory, and waits for the lines it prints: the kubeconfig and the attach address.
 */
export async function startServed(options: {
  seed: number
  nodes: number
  etcd: number
  /** The app's origin, for the link serve prints. */
  app: string
}) {
  const dir = mkdtempSync(join(tmpdir(), 'kcv-attach-e2e-'))
  const args = ['src/server/serve-cli.mjs', '--port', '0', '--viewer-port', '0', '--dir', dir]
  args.push('--seed', String(options.seed), '--nodes', String(options.nodes))
  args.push('--etcd', String(options.etcd), '--app', `${options.app}/`)
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8')
  })
  const printed = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`npm run serve did not start in time:\n${out}\n${err}`))
    }, START_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
      if (/^ATTACH=\S+$/m.test(out) && /^KUBECONFIG=\S+$/m.test(out)) {
        clearTimeout(timer)
        resolve(out)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm run serve exited (${String(code)}):\n${out}\n${err}`))
    })
  })
  const line = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(printed)?.[1] ?? ''
  return {
    attachUrl: line('ATTACH'),
    appLink: /^\s+(http\S+\?attach=\S+)$/m.exec(printed)?.[1] ?? '',
    kubeconfig: line('KUBECONFIG'),
    dir,
    options: { seed: options.seed, nodes: options.nodes, etcdMembers: options.etcd },
    stop: () => stopChild(child, dir),
  } satisfies Served
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      rmSync(dir, { recursive: true, force: true })
      done()
    }
    if (child.exitCode !== null) {
      finish()
      return
    }
    child.once('exit', finish)
    child.kill('SIGTERM')
  })
}

/** Why the real kubectl cannot be used here, or undefined when a v1.32 client is on PATH. */
export function kubectlMissing(): string | undefined {
  const probe = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return 'kubectl is not on PATH'
  const version = (JSON.parse(probe.stdout) as { clientVersion?: { gitVersion?: string } })
    .clientVersion?.gitVersion
  return version?.startsWith('v1.32.') ? undefined : `kubectl is ${version ?? '?'}, not v1.32`
}

/** Runs the real kubectl against the served simulation; resolves with its output and code. */
export function kubectl(served: Served, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn('kubectl', args, {
      env: { ...process.env, KUBECONFIG: served.kubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.once('exit', (code) => {
      done({ code, stdout, stderr })
    })
  })
}

/** Writes a manifest where kubectl can read it with -f. */
export function manifestFile(served: Served, name: string, text: string): string {
  const file = join(served.dir, name)
  writeFileSync(file, text)
  return file
}
