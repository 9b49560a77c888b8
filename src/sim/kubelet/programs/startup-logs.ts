/**
 * What well-known images print when they start, as their real entrypoints do (text taken
 * from the images' docker-entrypoint scripts and the servers' startup notices). Times are ms
 * after the process started; WALL stands for the wall clock, rendered when the log is read.
 */
import type { ProgramLine } from './timeline'

/** Replaced by the line's wall time in the server's own log format. */
export const WALL = {
  nginxError: '\u0000wall:nginx\u0000',
  httpd: '\u0000wall:httpd\u0000',
  redis: '\u0000wall:redis\u0000',
  postgres: '\u0000wall:postgres\u0000',
  mysql: '\u0000wall:mysql\u0000',
} as const

const out = (atMs: number, text: string): ProgramLine => ({ atMs, stream: 'stdout', text })
const err = (atMs: number, text: string): ProgramLine => ({ atMs, stream: 'stderr', text })

/** "1.27" → "1.27.3" when it is the current line, else a .0 release; full versions stay. */
export function fullVersion(version: string, latest: string): string {
  if (version.split('.').length >= 3) return version
  return latest.startsWith(`${version}.`) ? latest : `${version}.0`
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number)
  return a > major || (a === major && b >= minor)
}

/** nginx: the docker-entrypoint.sh lines (images ≥ 1.19), then the master's notices on stderr. */
export function nginxStartup(version: string, cpus: number): ProgramLine[] {
  const lines: ProgramLine[] = []
  if (versionAtLeast(version, 1, 19)) {
    const e = '/docker-entrypoint.sh'
    lines.push(
      out(1, `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`),
      out(1, `${e}: Looking for shell scripts in /docker-entrypoint.d/`),
      out(2, `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`),
      out(
        3,
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      ),
      out(
        4,
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      ),
    )
    if (versionAtLeast(version, 1, 25))
      lines.push(out(4, `${e}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`))
    lines.push(
      out(5, `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`),
      out(6, `${e}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`),
      out(7, `${e}: Configuration complete; ready for start up`),
    )
  }
  const n = WALL.nginxError
  lines.push(
    err(9, `${n} [notice] 1#1: using the "epoll" event method`),
    err(9, `${n} [notice] 1#1: nginx/${version}`),
    err(9, `${n} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `),
    err(9, `${n} [notice] 1#1: OS: Linux 6.1.0-28-amd64`),
    err(9, `${n} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`),
    err(9, `${n} [notice] 1#1: start worker processes`),
  )
  for (let i = 0; i < cpus; i++)
    lines.push(err(10, `${n} [notice] 1#1: start worker process ${29 + i}`))
  return lines
}

export function httpdStartup(version: string, podIp: string): ProgramLine[] {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${podIp}. Set the 'ServerName' directive globally to suppress this message`
  return [
    err(5, fqdn),
    err(6, fqdn),
    err(
      8,
      `[${WALL.httpd}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`,
    ),
    err(
      8,
      `[${WALL.httpd}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ),
  ]
}

export function redisStartup(version: string): ProgramLine[] {
  const r = WALL.redis
  return [
    out(2, `1:C ${r} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
    out(
      2,
      `1:C ${r} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    ),
    out(
      2,
      `1:C ${r} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    ),
    out(3, `1:M ${r} * monotonic clock: POSIX clock_gettime`),
    out(3, `1:M ${r} * Running mode=standalone, port=6379.`),
    out(4, `1:M ${r} * Server initialized`),
    out(5, `1:M ${r} * Ready to accept connections tcp`),
  ]
}

/** postgres without a password: the entrypoint refuses to initialise the database and exits 1. */
export function postgresNoPassword(): ProgramLine[] {
  const text = [
    'Error: Database is uninitialized and superuser password is not specified.',
    '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
    '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
    '',
    '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
    '       connections without a password. This is *not* recommended.',
    '',
    '       See PostgreSQL documentation about "trust":',
    '       https://www.postgresql.org/docs/current/auth-trust.html',
  ]
  return text.map((t) => err(40, t))
}

export function postgresStartup(version: string): ProgramLine[] {
  const p = WALL.postgres
  return [
    out(900, 'PostgreSQL init process complete; ready for start up.'),
    out(901, ''),
    err(
      950,
      `${p} [1] LOG:  starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
    ),
    err(951, `${p} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
    err(960, `${p} [1] LOG:  database system is ready to accept connections`),
  ]
}

export function mysqlNoPassword(version: string): ProgramLine[] {
  const m = WALL.mysql
  return [
    err(
      20,
      `${m} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
    ),
    err(60, `${m} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
    err(
      80,
      `${m} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
    ),
    err(
      120,
      `${m} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
    ),
    err(120, '    You need to specify one of the following as an environment variable:'),
    err(120, '    - MYSQL_ROOT_PASSWORD'),
    err(120, '    - MYSQL_ALLOW_EMPTY_PASSWORD'),
    err(120, '    - MYSQL_RANDOM_ROOT_PASSWORD'),
  ]
}

/** hello-world's message, as the image prints it, then it exits 0. */
export function helloWorld(): ProgramLine[] {
  const text = [
    '',
    'Hello from Docker!',
    'This message shows that your installation appears to be working correctly.',
    '',
    'To generate this message, Docker took the following steps:',
    ' 1. The Docker client contacted the Docker daemon.',
    ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
    '    (amd64)',
    ' 3. The Docker daemon created a new container from that image which runs the',
    '    executable that produces the output you are currently reading.',
    ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
    '    to your terminal.',
    '',
    'To try something more ambitious, you can run an Ubuntu container with:',
    ' $ docker run -it ubuntu bash',
    '',
    'Share images, automate workflows, and more with a free Docker ID:',
    ' https://hub.docker.com/',
    '',
    'For more examples and ideas, visit:',
    ' https://docs.docker.com/get-started/',
    '',
  ]
  return text.map((t) => out(2, t))
}
