/**
 * Runs a parsed `sh -c` script in virtual time, symbolically: `sleep` advances the clock,
 * `echo` writes a log line at that moment, `touch`/`rm` change the files an exec probe sees,
 * `exit n` ends the process with code n. It stops at the requested time, at a loop that can
 * never end (when looking for the exit), or after a step budget (a busy loop spins for ever).
 */
import { runCommand, type Streams } from './shell-commands'
import { expandText, expandWords } from './shell-expand'
import { parseScript, type ShellNode } from './shell-parser'
import {
  ShellBreak,
  ShellExit,
  ShellStop,
  tick,
  write,
  type ShellFlavour,
  type ShellState,
} from './shell-state'
import type { ProgramRun } from './timeline'

function streamsFor(
  state: ShellState,
  node: Extract<ShellNode, { kind: 'cmd' }>,
  substitute: (s: string) => string,
): Streams {
  const streams: Streams = { stdoutToStderr: false, stderrToStdout: false }
  for (const r of node.redirects) {
    const target = expandText(state, r.target, substitute)
    if (r.op === '>&') {
      if (r.fd === 1 && target === '2') streams.stdoutToStderr = true
      if (r.fd === 2 && target === '1') streams.stderrToStdout = true
      continue
    }
    if (r.op === '<') continue
    const file = target === '/dev/null' ? '/dev/null' : target
    if (r.fd === 2) streams.stderrFile = file
    else streams.stdoutFile = file
    if (r.op === '>' && file !== '/dev/null') state.files.set(file, '')
  }
  return streams
}

/** A loop whose condition is `true`/`:` and whose body cannot leave it: it never ends. */
function isEndless(node: Extract<ShellNode, { kind: 'loop' }>): boolean {
  const cond = node.cond
  const always =
    cond.kind === 'cmd' &&
    cond.words.length === 1 &&
    ['true', ':'].includes(cond.words[0]?.map((p) => p.text).join('') ?? '')
  const leaves = (n: ShellNode): boolean => {
    switch (n.kind) {
      case 'cmd':
        return ['exit', 'break', 'return'].includes(n.words[0]?.map((p) => p.text).join('') ?? '')
      case 'and':
      case 'or':
        return leaves(n.left) || leaves(n.right)
      case 'seq':
        return n.items.some(leaves)
      case 'pipe':
        return n.parts.some(leaves)
      case 'bg':
      case 'not':
        return leaves(n.node)
      case 'loop':
        return leaves(n.cond) || leaves(n.body)
      case 'for':
        return leaves(n.body)
      case 'if':
        return leaves(n.then) || (n.otherwise !== undefined && leaves(n.otherwise))
    }
  }
  return !node.until && always && !leaves(node.body)
}

class Interpreter {
  private readonly state: ShellState
  constructor(state: ShellState) {
    this.state = state
  }

  private readonly substitute = (script: string): string => {
    const saved = this.state.capture
    const captured: string[] = []
    this.state.capture = captured
    try {
      this.exec(parseScript(script))
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e
    } finally {
      this.state.capture = saved
    }
    return captured.join('\n')
  }

  exec(node: ShellNode): number {
    const s = this.state
    switch (node.kind) {
      case 'cmd': {
        tick(s)
        for (const [name, word] of node.assigns)
          s.vars.set(name, expandWords(s, [word], this.substitute).join(' '))
        const argv = expandWords(s, node.words, this.substitute)
        const streams = streamsFor(s, node, this.substitute)
        s.status = argv.length === 0 ? 0 : runCommand(s, argv, streams)
        return s.status
      }
      case 'seq':
        for (const item of node.items) this.exec(item)
        return s.status
      case 'and':
        s.status = this.exec(node.left) === 0 ? this.exec(node.right) : s.status
        return s.status
      case 'or':
        s.status = this.exec(node.left) !== 0 ? this.exec(node.right) : 0
        return s.status
      case 'pipe':
        for (const part of node.parts) this.exec(part)
        return s.status
      case 'bg':
        this.exec(node.node)
        s.status = 0
        return 0
      case 'not':
        s.status = this.exec(node.node) === 0 ? 1 : 0
        return s.status
      case 'if':
        if (this.exec(node.cond) === 0) return this.exec(node.then)
        s.status = node.otherwise ? this.exec(node.otherwise) : 0
        return s.status
      case 'for':
        for (const value of expandWords(s, node.items, this.substitute)) {
          s.vars.set(node.name, value)
          if (this.loopBody(node.body) === 'break') break
        }
        return s.status
      case 'loop':
        if (s.stopAtEndlessLoop && isEndless(node)) throw new ShellStop(true)
        for (;;) {
          tick(s)
          const ok = this.exec(node.cond) === 0
          if (ok === node.until) break
          if (this.loopBody(node.body) === 'break') break
        }
        return s.status
    }
  }

  private loopBody(body: ShellNode): 'break' | 'continue' | undefined {
    try {
      this.exec(body)
      return undefined
    } catch (e) {
      if (e instanceof ShellBreak) return e.kind
      throw e
    }
  }
}

export interface ShellRunOptions {
  flavour: ShellFlavour
  hostname: string
  env: Record<string, string>
  hasCommand: (name: string) => boolean
  untilMs: number
  stopAtEndlessLoop?: boolean
  maxSteps?: number
  maxLines?: number
}

// Enough for a day of `echo; sleep 1` … and small enough that a busy loop stops quickly.
const DEFAULT_MAX_STEPS = 200_000
// The newest lines kept: the kubelet rotates container logs (containerLogMaxSize 10Mi, v1.32).
const DEFAULT_MAX_LINES = 2_000

/** Runs `script` until `untilMs`; a syntax error is what the shell prints, then exit 2. */
export function runShell(
  script: string,
  options: ShellRunOptions,
): ProgramRun & { forever: boolean } {
  const state: ShellState = {
    flavour: options.flavour,
    clockMs: 0,
    untilMs: options.untilMs,
    steps: 0,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    status: 0,
    vars: new Map(Object.entries(options.env)),
    files: new Map(),
    lines: [],
    fileOps: [],
    capture: undefined,
    stopAtEndlessLoop: options.stopAtEndlessLoop ?? false,
    hostname: options.hostname,
    hasCommand: options.hasCommand,
  }
  let exit: ProgramRun['exit']
  let forever = false
  try {
    new Interpreter(state).exec(parseScript(script))
    exit = { atMs: state.clockMs, code: state.status }
  } catch (e) {
    if (e instanceof ShellExit) exit = { atMs: state.clockMs, code: e.code }
    else if (e instanceof ShellStop) forever = e.forever
    else if (e instanceof SyntaxError) {
      const prefix = options.flavour === 'bash' ? 'bash: -c: line 1:' : 'sh: syntax error:'
      write(state, 'stderr', `${prefix} ${e.message}`)
      exit = { atMs: state.clockMs, code: 2 }
    } else throw e
  }
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES
  const lines = state.lines.filter((l) => l.atMs <= options.untilMs)
  return {
    lines: lines.length > maxLines ? lines.slice(-maxLines) : lines,
    files: state.fileOps,
    ...(exit !== undefined && exit.atMs <= options.untilMs ? { exit } : {}),
    truncated: lines.length > maxLines,
    forever,
  }
}
