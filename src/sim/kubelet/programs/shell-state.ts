import type { FileOp, ProgramLine } from './timeline'

/** Thrown to unwind the interpreter: the script exited, or ran past the requested time. */
export class ShellExit extends Error {
  readonly code: number
  constructor(code: number) {
    super(`exit ${code}`)
    this.code = code
  }
}
/** `break` / `continue` inside a loop body. */
export class ShellBreak extends Error {
  readonly kind: 'break' | 'continue'
  constructor(kind: 'break' | 'continue') {
    super(kind)
    this.kind = kind
  }
}
export class ShellStop extends Error {
  readonly forever: boolean
  constructor(forever: boolean) {
    super(forever ? 'runs for ever' : 'past the requested time')
    this.forever = forever
  }
}

/** Which shell runs the script: the messages differ (busybox ash vs bash). */
export type ShellFlavour = 'busybox' | 'bash'

/** The interpreter's whole state; the clock is virtual ms since the container started. */
export interface ShellState {
  flavour: ShellFlavour
  clockMs: number
  untilMs: number
  steps: number
  maxSteps: number
  status: number
  vars: Map<string, string>
  files: Map<string, string>
  lines: ProgramLine[]
  fileOps: FileOp[]
  /** While capturing `$(…)`, stdout goes here instead of the log. */
  capture: string[] | undefined
  /** Stop at the first loop that can never end (to find the exit time quickly). */
  stopAtEndlessLoop: boolean
  hostname: string
  /** Commands the image has besides the shell's builtins (busybox applets, coreutils …). */
  hasCommand: (name: string) => boolean
}

export function write(
  state: ShellState,
  stream: 'stdout' | 'stderr',
  text: string,
  redirectTo?: string,
): void {
  if (redirectTo !== undefined) {
    state.files.set(redirectTo, (state.files.get(redirectTo) ?? '') + text + '\n')
    state.fileOps.push({ atMs: state.clockMs, op: 'create', path: redirectTo })
    return
  }
  if (stream === 'stdout' && state.capture) {
    state.capture.push(text)
    return
  }
  for (const line of text.split('\n')) state.lines.push({ atMs: state.clockMs, stream, text: line })
}

/** The shell's "not found" wording: busybox `sh: x: not found`, bash `bash: line 1: x: command not found`. */
export function notFound(state: ShellState, name: string): string {
  return state.flavour === 'bash'
    ? `bash: line 1: ${name}: command not found`
    : `sh: ${name}: not found`
}

/** Counts a step and stops when the script has run past the time or step budget. */
export function tick(state: ShellState): void {
  state.steps++
  if (state.steps > state.maxSteps) throw new ShellStop(true)
  if (state.clockMs > state.untilMs) throw new ShellStop(false)
}
