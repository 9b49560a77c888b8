import { alignTabs } from '../printers/tabwriter'
import type { Kubeconfig, KubeconfigContext, KubeconfigUser } from './kubeconfig'
import { toYaml } from './output'
import type { KubectlCommand } from './state'

/**
 * `kubectl config …`: reads and edits the kubeconfig file only; nothing reaches the API server.
 * Texts captured from kubectl v1.32 (staging/src/k8s.io/kubectl/pkg/cmd/config/*.go).
 */
export interface ConfigResult {
  out: string[]
  err?: string
}

const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

const REDACTED_DATA = 'DATA+OMITTED'
const REDACTED = 'REDACTED'

function userYaml(user: KubeconfigUser, raw: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (user.clientCertificateData !== undefined)
    out['client-certificate-data'] = raw ? user.clientCertificateData : REDACTED_DATA
  if (user.clientKeyData !== undefined)
    out['client-key-data'] = raw ? user.clientKeyData : REDACTED_DATA
  if (user.token !== undefined) out['token'] = raw ? user.token : REDACTED
  return out
}

const contextYaml = (c: KubeconfigContext) => ({
  cluster: c.cluster,
  ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
  user: c.user,
})

/** `config view`: sorted by name, secrets shown as DATA+OMITTED / REDACTED unless --raw. */
export function configView(config: Kubeconfig, flags: Record<string, string>): ConfigResult {
  const raw = flags['raw'] === 'true'
  let { clusters, users, contexts } = config
  let current = config.currentContext
  if (flags['minify'] === 'true') {
    current = flags['context'] ?? config.currentContext
    const context = contexts.find((c) => c.name === current)
    if (!context) return { out: [], err: `error: current-context must exist in order to minify` }
    contexts = [context]
    clusters = clusters.filter((c) => c.name === context.cluster)
    users = users.filter((u) => u.name === context.user)
  }
  const view = {
    apiVersion: 'v1',
    clusters: byName(clusters).map((c) => ({
      cluster: {
        'certificate-authority-data': raw ? c.certificateAuthorityData : REDACTED_DATA,
        server: c.server,
      },
      name: c.name,
    })),
    contexts: byName(contexts).map((c) => ({ context: contextYaml(c), name: c.name })),
    'current-context': current,
    kind: 'Config',
    preferences: {},
    users: byName(users).map((u) => ({ name: u.name, user: userYaml(u, raw) })),
  }
  return { out: [toYaml(view).replace(/\n$/, '')] }
}

function getContexts(config: Kubeconfig, cmd: KubectlCommand): ConfigResult {
  const wanted = cmd.positional.slice(1)
  const contexts = byName(config.contexts).filter(
    (c) => wanted.length === 0 || wanted.includes(c.name),
  )
  if (cmd.flags['output'] === 'name') return { out: contexts.map((c) => c.name) }
  const rows = contexts.map((c) =>
    [
      c.name === config.currentContext ? '*' : '',
      c.name,
      c.cluster,
      c.user,
      c.namespace ?? '',
    ].join('\t'),
  )
  const table = alignTabs(
    ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE', ...rows].join('\n') + '\n',
  )
  const missing = wanted.find((w) => !config.contexts.some((c) => c.name === w))
  return {
    out: [table.replace(/\n$/, '')],
    ...(missing !== undefined ? { err: `error: context ${missing} not found` } : {}),
  }
}

function setContext(config: Kubeconfig, cmd: KubectlCommand): ConfigResult {
  const name = cmd.flags['current'] === 'true' ? config.currentContext : cmd.positional[1]
  if (name === undefined || name === '')
    return { out: [], err: 'error: you must specify a non-empty context name or --current' }
  let context = config.contexts.find((c) => c.name === name)
  const created = !context
  if (!context) config.contexts.push((context = { name, cluster: '', user: '' }))
  if (cmd.flags['cluster'] !== undefined) context.cluster = cmd.flags['cluster']
  if (cmd.flags['user'] !== undefined) context.user = cmd.flags['user']
  if (cmd.flags['namespace'] !== undefined) context.namespace = cmd.flags['namespace']
  return { out: [`Context "${name}" ${created ? 'created' : 'modified'}.`] }
}

function setCredentials(config: Kubeconfig, cmd: KubectlCommand): ConfigResult {
  const name = cmd.positional[1]
  if (name === undefined) return { out: [], err: 'error: you must specify a non-empty user name' }
  let user = config.users.find((u) => u.name === name)
  if (!user) config.users.push((user = { name }))
  if (cmd.flags['token'] !== undefined) {
    user.token = cmd.flags['token']
    delete user.clientCertificateData
    delete user.clientKeyData
  }
  return { out: [`User "${name}" set.`] }
}

/** Runs one `kubectl config` subcommand against (and possibly editing) the kubeconfig. */
export function runConfigCommand(config: Kubeconfig, cmd: KubectlCommand): ConfigResult {
  const sub = cmd.positional[0]
  switch (sub) {
    case 'view':
      return configView(config, cmd.flags)
    case 'get-contexts':
      return getContexts(config, cmd)
    case 'current-context':
      return config.currentContext === ''
        ? { out: [], err: 'error: current-context is not set' }
        : { out: [config.currentContext] }
    case 'use-context':
    case 'use': {
      const name = cmd.positional[1] ?? ''
      if (!config.contexts.some((c) => c.name === name))
        return { out: [], err: `error: no context exists with the name: "${name}"` }
      config.currentContext = name
      return { out: [`Switched to context "${name}".`] }
    }
    case 'get-users':
      return { out: ['NAME', ...byName(config.users).map((u) => u.name)] }
    case 'get-clusters':
      return { out: ['NAME', ...byName(config.clusters).map((c) => c.name)] }
    case 'set-context':
      return setContext(config, cmd)
    case 'set-credentials':
      return setCredentials(config, cmd)
    case undefined:
      return {
        out: [],
        err: 'error: specify a subcommand: view, get-contexts, current-context, use-context, set-context, set-credentials, get-users, get-clusters',
      }
    default:
      return {
        out: [],
        err: `error: unknown command "${sub}"\nSee 'kubectl config -h' for help and examples`,
      }
  }
}
