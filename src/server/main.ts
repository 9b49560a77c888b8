import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startServer } from './serve'

/**
 * `npm run serve`: a simulated cluster behind a real kube-apiserver endpoint on loopback, for a
 * real kubectl and real clients; the app attaches to it with ?attach=<URL>. See README.md.
 */
// Where `npm start` serves the app: Vite's default dev server address.
const DEFAULT_APP = 'http://localhost:5173/'

const USAGE = `Usage: npm run serve -- [options]
  --port N           API server port (default 6443; 0 picks a free one)
  --viewer-port N    WebSocket port the app attaches to (default: API port + 1)
  --seed N --nodes N --etcd N    the cluster (defaults 1, 3, 3)
  --speed X          virtual seconds per real second (default 1: real time)
  --follow           slow down while messages are in flight, as the app's toggle does
  --dir DIR          certificates and kubeconfig (default ${join(tmpdir(), 'kcv-serve')})
  --kubeconfig PATH  where to write the kubeconfig (default DIR/kubeconfig)
  --app URL          the app (npm start) the printed attach link opens (default ${DEFAULT_APP})`

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      'viewer-port': { type: 'string' },
      seed: { type: 'string', default: '1' },
      nodes: { type: 'string', default: '3' },
      etcd: { type: 'string', default: '3' },
      speed: { type: 'string', default: '1' },
      follow: { type: 'boolean', default: false },
      dir: { type: 'string', default: join(tmpdir(), 'kcv-serve') },
      kubeconfig: { type: 'string' },
      app: { type: 'string', default: DEFAULT_APP },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.warn(USAGE)
    return
  }
  const int = (name: string, text: string, min: number, max: number): number => {
    const value = Number(text)
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} ${text}: expected a whole number from ${min} to ${max}`)
    return value
  }
  const port = int('port', values.port, 0, 65535)
  const app = URL.canParse(values.app) ? new URL(values.app) : undefined
  if (app?.protocol !== 'http:' && app?.protocol !== 'https:')
    throw new Error(`--app ${values.app}: expected the app's http:// address`)
  const speed = Number(values.speed)
  if (!(speed >= 0.05 && speed <= 64))
    throw new Error(`--speed ${values.speed}: expected 0.05 to 64`)
  startServer({
    host: values.host,
    port,
    viewerPort:
      values['viewer-port'] !== undefined
        ? int('viewer-port', values['viewer-port'], 0, 65535)
        : port === 0
          ? 0
          : port + 1,
    dir: values.dir,
    ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
    sim: {
      seed: int('seed', values.seed, 0, 2 ** 31 - 1),
      nodes: int('nodes', values.nodes, 1, 100),
      etcdMembers: int('etcd', values.etcd, 1, 7),
    },
    speed,
    followMessages: values.follow,
    bootMs: 3_000,
  })
    .then((server) => {
      const lines = [
        `Serving a simulated Kubernetes v1.32 cluster at ${server.url}`,
        `KUBECONFIG=${server.kubeconfig}`,
        `ATTACH=${server.attachUrl}`,
        '',
        'Use it from this machine:',
        `  export KUBECONFIG=${server.kubeconfig}`,
        '  kubectl get nodes',
        'Watch it in the app (npm start in another terminal), hop by hop: open',
        `  ${attachLink(app, server.attachUrl)}`,
        'Ctrl-C stops it.',
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
      const stop = () => {
        void server.close().then(() => process.exit(0))
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    .catch((error: unknown) => {
      console.error(`npm run serve: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    })
}

/** The app's address with ?attach= (the token included): what the class opens. */
function attachLink(app: URL, attachUrl: string): string {
  const link = new URL(app)
  link.searchParams.set('attach', attachUrl)
  return link.toString()
}

// A bug in one request must not end a class: log it and keep serving.
process.on('uncaughtException', (error) => {
  console.error('npm run serve: unexpected error (still serving)', error)
})

try {
  main()
} catch (error) {
  console.error(`npm run serve: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
