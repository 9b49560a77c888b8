import { DATE_OUTPUT } from './shell-expand'
import { ShellBreak, ShellExit, ShellStop, notFound, write, type ShellState } from './shell-state'

/** Where a command's stdout and stderr go after its redirections. */
export interface Streams {
  stdoutFile?: string
  stderrFile?: string
  stdoutToStderr: boolean
  stderrToStdout: boolean
}

function out(state: ShellState, streams: Streams, text: string): void {
  if (streams.stdoutToStderr) write(state, 'stderr', text, streams.stderrFile)
  else write(state, 'stdout', text, streams.stdoutFile)
}

function err(state: ShellState, streams: Streams, text: string): void {
  if (streams.stderrToStdout) write(state, 'stdout', text, streams.stdoutFile)
  else write(state, 'stderr', text, streams.stderrFile)
}

/** `sleep 5`, `sleep 0.5`, `sleep 2m`, `sleep infinity`: how long, in ms (Infinity for ever). */
export function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined
  if (arg === 'infinity' || arg === 'inf') return Infinity
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!match) return undefined
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? '']
  return Math.round(Number(match[1]) * (unit ?? 1000))
}

function echo(args: string[]): string {
  let newline = true
  let escapes = false
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    const flag = args.shift() ?? ''
    if (flag.includes('n')) newline = false
    if (flag.includes('e')) escapes = true
  }
  let text = args.join(' ')
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t')
  return newline ? text : text.replace(/\n$/, '')
}

function printf(args: string[]): string {
  const [format = '', ...rest] = args
  let i = 0
  const text = format
    .replace(/%[sd]/g, () => rest[i++] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
  return text.replace(/\n$/, '')
}

/** `test` / `[ … ]` for the checks scripts use on files, strings and numbers. */
function test(state: ShellState, args: string[]): number {
  const a = args[args.length - 1] === ']' ? args.slice(0, -1) : args
  if (a[0] === '!') return test(state, a.slice(1)) === 0 ? 1 : 0
  if (a.length === 2) {
    const [op, value = ''] = a
    if (op === '-f' || op === '-e' || op === '-d' || op === '-s')
      return state.files.has(value) ? 0 : 1
    if (op === '-z') return value === '' ? 0 : 1
    if (op === '-n') return value !== '' ? 0 : 1
  }
  if (a.length === 3) {
    const [l = '', op, r = ''] = a
    const n = (x: string) => Number(x) || 0
    const compare: Record<string, boolean> = {
      '=': l === r,
      '==': l === r,
      '!=': l !== r,
      '-eq': n(l) === n(r),
      '-ne': n(l) !== n(r),
      '-lt': n(l) < n(r),
      '-le': n(l) <= n(r),
      '-gt': n(l) > n(r),
      '-ge': n(l) >= n(r),
    }
    return op !== undefined && compare[op] === true ? 0 : 1
  }
  return a.length === 1 && a[0] !== '' ? 0 : 1
}

function cat(state: ShellState, streams: Streams, args: string[]): number {
  let status = 0
  for (const path of args.filter((p) => !p.startsWith('-'))) {
    if (path === '/dev/null') continue
    const content = state.files.get(path)
    if (content === undefined) {
      err(state, streams, `cat: can't open '${path}': No such file or directory`)
      status = 1
    } else if (content !== '') out(state, streams, content.replace(/\n$/, ''))
  }
  return status
}

/** `sleep`: the only place time passes; `sleep infinity` never returns. */
function sleep(state: ShellState, streams: Streams, arg: string | undefined): number {
  const ms = sleepMs(arg)
  if (ms === undefined) {
    err(state, streams, `sleep: invalid number '${arg ?? ''}'`)
    return 1
  }
  if (ms === Infinity) throw new ShellStop(true)
  state.clockMs += ms
  if (state.clockMs > state.untilMs) throw new ShellStop(false)
  return 0
}

function touch(state: ShellState, paths: string[]): number {
  for (const path of paths) {
    if (!state.files.has(path)) state.files.set(path, '')
    state.fileOps.push({ atMs: state.clockMs, op: 'create', path })
  }
  return 0
}

function rm(state: ShellState, streams: Streams, args: string[]): number {
  const force = args.some((a) => /^-\w*f/.test(a))
  for (const path of args.filter((a) => !a.startsWith('-'))) {
    if (!state.files.has(path)) {
      if (force) continue
      err(state, streams, `rm: can't remove '${path}': No such file or directory`)
      return 1
    }
    state.files.delete(path)
    state.fileOps.push({ atMs: state.clockMs, op: 'remove', path })
  }
  return 0
}

// Commands that never return (a process that waits for ever).
const BLOCKING = new Set(['tail -f', 'tail -F', 'nc -l', 'yes'])

/** Runs one simple command; returns its exit status. Time passes only in `sleep`. */
export function runCommand(state: ShellState, argv: string[], streams: Streams): number {
  const [name = '', ...args] = argv
  switch (name) {
    case 'echo':
      out(state, streams, echo(args))
      return 0
    case 'printf':
      out(state, streams, printf(args))
      return 0
    case 'true':
    case ':':
    case 'export':
    case 'unset':
    case 'cd':
    case 'trap':
    case 'set':
    case 'wait':
    case 'ulimit':
    case 'shift':
      return 0
    case 'false':
      return 1
    case 'break':
    case 'continue':
      throw new ShellBreak(name)
    case 'exit':
      throw new ShellExit(args[0] !== undefined ? Number(args[0]) & 255 : state.status)
    case 'sleep':
      return sleep(state, streams, args[0])
    case 'touch':
      return touch(state, args)
    case 'rm':
      return rm(state, streams, args)
    case 'mkdir':
      return 0
    case 'cat':
      return cat(state, streams, args)
    case 'test':
    case '[':
      return test(state, args)
    case 'date':
      out(state, streams, DATE_OUTPUT)
      return 0
    case 'hostname':
      out(state, streams, state.hostname)
      return 0
    case 'seq': {
      const [from, to] =
        args.length >= 2 ? [Number(args[0]), Number(args[1])] : [1, Number(args[0])]
      for (let i = from; i <= to && i - from < 10_000; i++) out(state, streams, String(i))
      return 0
    }
    case 'exec':
      return args.length === 0 ? 0 : runCommand(state, args, streams)
    case 'sh':
    case 'bash':
      return 0
    default:
      if (BLOCKING.has(`${name} ${args[0] ?? ''}`) || BLOCKING.has(name)) throw new ShellStop(true)
      if (state.hasCommand(name)) return 0
      err(state, streams, notFound(state, name))
      return 127
  }
}
