import { registerHostCache } from '../../core/host-caches'
/**
 * A container's main process from its image, command, args and env, as the runtime would
 * exec it: the image's ENTRYPOINT/CMD unless the Pod overrides them, `sh -c` scripts run by
 * the shell interpreter, servers that listen and answer, and the classic failures (a shell
 * image with nothing to do exits 0, postgres without a password exits 1, an executable that is
 * not in the image fails to start). Memoized: the same inputs give the same program.
 */
import { lookupImage, type ImageInfo } from './images'
import { piDigits } from './pi'
import { runShell } from './shell-exec'
import type { ShellFlavour } from './shell-state'
import {
  fullVersion,
  helloWorld,
  httpdStartup,
  mysqlNoPassword,
  nginxStartup,
  postgresNoPassword,
  postgresStartup,
  redisStartup,
} from './startup-logs'
import {
  exitingProgram,
  serverProgram,
  type ContainerProgram,
  type ProgramRun,
  type ServerKind,
} from './timeline'

export interface ProgramInput {
  image: string
  command?: string[] | undefined
  args?: string[] | undefined
  /** Literal env values (valueFrom is not resolved). */
  env: Record<string, string>
  /** The container's hostname: the Pod's name. */
  hostname: string
  podIp: string
  cpus: number
  containerPorts: number[]
}

const COREUTILS = [
  'ls',
  'ps',
  'grep',
  'sed',
  'awk',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'find',
  'xargs',
  'env',
  'id',
  'whoami',
  'uname',
  'df',
  'du',
  'kill',
  'ln',
  'cp',
  'mv',
  'chmod',
  'chown',
  'stat',
  'tee',
  'dd',
  'md5sum',
  'sha256sum',
  'base64',
  'gzip',
  'tar',
  'basename',
  'dirname',
  'readlink',
  'mktemp',
  'nohup',
  'timeout',
  'nproc',
  'which',
  'expr',
  'sync',
  'yes',
  'usleep',
  'watch',
]
const BUSYBOX_EXTRAS = [
  'wget',
  'nc',
  'ping',
  'nslookup',
  'telnet',
  'traceroute',
  'ip',
  'ifconfig',
  'netstat',
  'route',
  'vi',
  'top',
  'free',
  'httpd',
  'ash',
  'sh',
]
const COMMANDS: Record<string, readonly string[]> = {
  busybox: [...COREUTILS, ...BUSYBOX_EXTRAS],
  bash: [...COREUTILS, 'bash', 'sh', 'apt-get', 'curl'],
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash'])
const basename = (path: string): string => path.split('/').pop() ?? path

// What the image's entrypoint becomes when the Pod sets no command (Dockerfile CMD).
const SERVER_BINARIES: Partial<Record<ImageInfo['kind'], readonly string[]>> = {
  nginx: ['nginx', 'docker-entrypoint.sh', 'nginx-debug'],
  httpd: ['httpd-foreground', 'httpd'],
  redis: ['redis-server', 'docker-entrypoint.sh'],
  postgres: ['postgres', 'docker-entrypoint.sh'],
  mysql: ['mysqld', 'docker-entrypoint.sh'],
}

function startError(executable: string): ContainerProgram {
  return {
    run: (): ProgramRun => ({ lines: [], files: [], truncated: false }),
    exit: undefined,
    server: undefined,
    onSigterm: 'ignore',
    startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${executable}": executable file not found in $PATH: unknown`,
  }
}

function server(
  kind: ServerKind,
  ports: number[],
  version: string,
  lines = serverLines(kind, version),
) {
  return serverProgram(lines, { kind, ports, version })
}

function serverLines(kind: ServerKind, version: string) {
  return kind === 'redis' ? redisStartup(version) : []
}

function shellProgram(
  script: string,
  flavour: ShellFlavour,
  input: ProgramInput,
): ContainerProgram {
  const commands = new Set(COMMANDS[flavour])
  const options = {
    flavour,
    hostname: input.hostname,
    env: { HOSTNAME: input.hostname, ...input.env },
    hasCommand: (name: string) => commands.has(basename(name)),
  }
  // A day of virtual time is enough to find when a script exits; beyond that it "runs".
  const probe = runShell(script, { ...options, untilMs: 86_400_000, stopAtEndlessLoop: true })
  const memo = new Map<number, ProgramRun>()
  return {
    run(untilMs) {
      const bucket = Math.ceil(untilMs / 1000) * 1000
      let result = memo.get(bucket)
      if (!result) {
        result = runShell(script, { ...options, untilMs: bucket })
        if (memo.size > 64) memo.clear()
        memo.set(bucket, result)
      }
      const lines = result.lines.filter((l) => l.atMs <= untilMs)
      const { files, truncated } = result
      return result.exit && result.exit.atMs <= untilMs
        ? { lines, files, truncated, exit: result.exit }
        : { lines, files, truncated }
    },
    exit: probe.exit,
    server: undefined,
    onSigterm: 'ignore',
  }
}

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`

function defaultProgram(image: ImageInfo, input: ProgramInput): ContainerProgram {
  const version = fullVersion(image.version, image.version)
  switch (image.kind) {
    case 'nginx':
      return server('nginx', [80], version, nginxStartup(version, input.cpus))
    case 'httpd':
      return server('httpd', [80], version, httpdStartup(version, input.podIp))
    case 'redis':
      return server('redis', [6379], version)
    case 'postgres':
      if (!input.env['POSTGRES_PASSWORD'] && input.env['POSTGRES_HOST_AUTH_METHOD'] !== 'trust')
        return exitingProgram(postgresNoPassword(), 60, 1)
      return server('postgres', [5432], version, postgresStartup(version))
    case 'mysql': {
      const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD']
      if (!ok.some((k) => input.env[k])) return exitingProgram(mysqlNoPassword(version), 150, 1)
      return server('generic', [3306], version)
    }
    case 'hello-world':
      return exitingProgram(helloWorld(), 3, 0)
    case 'shell':
    case 'perl':
    case 'interpreter':
      // `sh`, `bash`, `python3` … with no terminal read an empty stdin and exit 0 at once.
      return exitingProgram([], 5, 0)
    case 'agnhost':
    case 'liveness':
    case 'pause':
      return server('generic', [], version)
    case 'generic':
      return server('generic', input.containerPorts, version)
  }
}

function agnhostProgram(argv: string[], version: string): ContainerProgram {
  const sub = argv[0] === 'agnhost' || argv[0] === '/agnhost' ? argv[1] : argv[0]
  const flag = (name: string, fallback: number): number => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`))
    return arg ? Number(arg.split('=')[1]) : fallback
  }
  switch (sub) {
    case 'netexec':
      return server('agnhost-netexec', [flag('http-port', 8080)], version)
    case 'serve-hostname':
      return server('agnhost-serve-hostname', [flag('port', 9376)], version)
    case 'liveness':
      return server('agnhost-liveness', [8080], version)
    default:
      return server('generic', [], version)
  }
}

function build(input: ProgramInput): ContainerProgram {
  const found = lookupImage(input.image)
  if (!found.ok) return server('generic', input.containerPorts, '')
  const image = found.image
  if (input.command === undefined && input.args === undefined) return defaultProgram(image, input)
  const argv = [...(input.command ?? []), ...(input.args ?? [])]
  const head = basename(argv[0] ?? '')
  if (image.kind === 'agnhost') return agnhostProgram(argv, image.version)
  if (image.kind === 'liveness' && head === 'server')
    return server('agnhost-liveness', [8080], image.version)
  if (input.command === undefined && SERVER_BINARIES[image.kind] !== undefined)
    return defaultProgram(image, input)
  if (SERVER_BINARIES[image.kind]?.includes(head)) return defaultProgram(image, input)
  if (image.kind === 'perl') {
    const bpi = /bpi\((\d+)\)/.exec(argv.join(' '))
    if (bpi) {
      const digits = Number(bpi[1])
      const atMs = 1_500 + Math.round(digits * 2.5)
      return exitingProgram([{ atMs, stream: 'stdout', text: piDigits(digits) }], atMs + 20, 0)
    }
  }
  const flavour: ShellFlavour | undefined = head === 'bash' ? 'bash' : image.shell
  if (SHELLS.has(head)) {
    if (!flavour || (head === 'bash' && image.shell !== 'bash')) return startError(argv[0] ?? '')
    const c = argv.indexOf('-c')
    return c < 0 ? exitingProgram([], 5, 0) : shellProgram(argv[c + 1] ?? '', flavour, input)
  }
  if (flavour) {
    const known = new Set([
      ...(COMMANDS[flavour] ?? []),
      'echo',
      'sleep',
      'true',
      'false',
      'printf',
      'cat',
      'date',
      'hostname',
      'touch',
      'rm',
      'seq',
      'test',
      '[',
      'mkdir',
      'exit',
    ])
    if (!known.has(head)) return startError(argv[0] ?? '')
    return shellProgram(argv.map(quote).join(' '), flavour, input)
  }
  return server('generic', input.containerPorts, image.version)
}

const memo = registerHostCache(
  'kubelet/programs/program-for.ts memo',
  new Map<string, ContainerProgram>(),
)

/** The container's program; the same inputs give the same (shared, immutable) program. */
export function programFor(input: ProgramInput): ContainerProgram {
  const key = JSON.stringify(input)
  let program = memo.get(key)
  if (!program) {
    program = build(input)
    if (memo.size > 4_096) memo.clear()
    memo.set(key, program)
  }
  return program
}
