/**
 * What a container's main process does, as data over virtual time measured from the moment
 * it started: the lines it writes, the files it creates and removes (what an exec probe such
 * as `cat /tmp/healthy` sees), and when it exits with which code. A pure value: the runtime and
 * the kubelet compute it from the Pod spec and never store it, so 150,000 Pods cost nothing.
 */
export interface ProgramLine {
  atMs: number
  stream: 'stdout' | 'stderr'
  /** May contain DATE_TOKEN, replaced by `date`'s output at the line's wall time. */
  text: string
}

export interface FileOp {
  atMs: number
  op: 'create' | 'remove'
  path: string
}

/** How a container answers connections once it listens. */
export type ServerKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'postgres'
  | 'agnhost-netexec'
  | 'agnhost-serve-hostname'
  | 'agnhost-liveness'
  | 'generic'

export interface ServerBehaviour {
  kind: ServerKind
  ports: number[]
  /** The version string servers print (nginx/1.27.3). */
  version: string
}

export interface ProgramRun {
  lines: ProgramLine[]
  files: FileOp[]
  /** The main process exits at this offset with this code; absent while it keeps running. */
  exit?: { atMs: number; code: number }
  /** Lines were dropped from the front (kept to the newest, as log rotation would). */
  truncated: boolean
}

export interface ContainerProgram {
  /** Runs the program up to `untilMs` (offset from start). Pure; results may be memoized. */
  run(untilMs: number): ProgramRun
  /** The exit, if the program ends on its own (searched up to a day of virtual time). */
  exit: { atMs: number; code: number } | undefined
  server: ServerBehaviour | undefined
  /**
   * What SIGTERM does. A shell or interpreter running as PID 1 has no handler, and the kernel
   * does not apply default actions to PID 1, so it is ignored until the grace period's SIGKILL.
   */
  onSigterm: { exitCode: number; afterMs: number } | 'ignore'
  /** The runtime could not start the entrypoint: CRI StartContainer fails with this text. */
  startError?: string
}

/** Stands for `date` output; rendered with the wall clock of the line. */
export const DATE_TOKEN = '\u0000date\u0000'

/** Whether `path` exists at `atMs`, given the program's file operations (sorted by time). */
export function fileExists(files: readonly FileOp[], path: string, atMs: number): boolean {
  let exists = false
  for (const f of files) {
    if (f.atMs > atMs) break
    if (f.path === path) exists = f.op === 'create'
  }
  return exists
}

/** A program that writes the given lines at start and runs until killed (a server). */
export function serverProgram(lines: ProgramLine[], server: ServerBehaviour): ContainerProgram {
  const run: ProgramRun = { lines, files: [], truncated: false }
  // Go servers (agnhost) exit 2 on SIGTERM; nginx, httpd, redis and the rest shut down cleanly.
  const onSigterm = server.kind.startsWith('agnhost')
    ? { exitCode: 2, afterMs: 10 }
    : { exitCode: 0, afterMs: 100 }
  return { run: () => run, exit: undefined, server, onSigterm }
}

/** A program that writes lines and exits with `code` at `atMs`. */
export function exitingProgram(lines: ProgramLine[], atMs: number, code: number): ContainerProgram {
  const exit = { atMs, code }
  const run = (untilMs: number): ProgramRun => ({
    lines: lines.filter((l) => l.atMs <= untilMs),
    files: [],
    ...(untilMs >= atMs ? { exit } : {}),
    truncated: false,
  })
  return { run, exit, server: undefined, onSigterm: 'ignore' }
}
