import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { SimulationOptions } from '../sim/index'
import { handleRequest, type ServeContext } from './api-server'
import { startViewerServer, type ViewerServer } from './attach'
import { writeKubeconfig } from './kubeconfig'
import { listenTls, type Listening } from './listen'
import { ensurePki } from './pki'
import { ServedSimulation } from './served-simulation'

export interface ServerOptions {
  /** Loopback only: 127.0.0.1 (or ::1). */
  host: string
  /** The API server's port (kube-apiserver's --secure-port is 6443); 0 picks a free one. */
  port: number
  /** The port of the viewers' WebSocket (plain HTTP on loopback, token-protected); 0 picks one. */
  viewerPort: number
  /** Where the certificates and the kubeconfig live. */
  dir: string
  /** Where to write the kubeconfig (default: <dir>/kubeconfig). */
  kubeconfig?: string
  sim: SimulationOptions
  speed: number
  followMessages: boolean
  bootMs: number
}

export interface RunningServer {
  served: ServedSimulation
  /** https://127.0.0.1:PORT */
  url: string
  kubeconfig: string
  /** ws://127.0.0.1:PORT/attach?token=…: what the app's ?attach= takes. */
  attachUrl: string
  close(): Promise<void>
}

/** Boots a simulation and serves it: the API on HTTPS, the viewers on a WebSocket. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!['127.0.0.1', '::1', 'localhost'].includes(options.host))
    throw new Error(
      `refusing to listen on ${options.host}: the served simulation listens on loopback only`,
    )
  const pki = ensurePki(join(options.dir, 'pki'))
  const served = new ServedSimulation({
    sim: options.sim,
    bootMs: options.bootMs,
    speed: options.speed,
    followMessages: options.followMessages,
  })
  const context: ServeContext = { served, address: '' }
  const api: Listening = await listenTls(pki, options.host, options.port, (req, res) => {
    handleRequest(context, req, res).catch((error: unknown) => {
      console.error('served API: request failed', error)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host
  const url = `https://${hostInUrl}:${api.port}`
  context.address = `${hostInUrl}:${api.port}`
  const token = randomBytes(16).toString('hex')
  const viewers: ViewerServer = await startViewerServer(
    served,
    options.host,
    options.viewerPort,
    token,
  )
  const kubeconfig = options.kubeconfig ?? join(options.dir, 'kubeconfig')
  writeKubeconfig(kubeconfig, url, pki)
  return {
    served,
    url,
    kubeconfig,
    attachUrl: `ws://${hostInUrl}:${viewers.port}/attach?token=${token}`,
    close: async () => {
      served.stop()
      await Promise.all([api.close(), viewers.close()])
    },
  }
}
