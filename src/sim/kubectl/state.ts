import type { LastList } from './get-pages'
import type { StampedeTally } from './stampede'
import type { KubeObject } from '../model/objects'
import type { CommandError } from './output'
import type { ObjectEdit } from './node-commands'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import type { ClusterPki } from '../apiserver/authn/pki'
import { credentialOf, defaultKubeconfig, type Kubeconfig, type Resolved } from './kubeconfig'

// rest.DefaultKubernetesUserAgent for kubectl v1.32.0 (client-go rest/config.go): binary/version
// (os/arch) kubernetes/commit; its first part, "kubectl", is the manager of writes without
// --field-manager (kubectl scale, kubectl label).
export const KUBECTL_USER_AGENT = 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9'

/** One kubectl invocation in progress; its output accumulates until it exits. */
export interface KubectlCommand {
  id: string
  line: string
  verb: string
  positional: string[]
  flags: Record<string, string>
  /** Every value of repeatable flags (--from-literal, --verb, --as-group ...). */
  repeated: Record<string, string[]>
  namespace: string
  /** Where the manifest came from, as kubectl names it in messages: "STDIN" or the -f file. */
  source: string
  docs: KubeObject[]
  docIndex: number
  /** stdout and stderr interleaved as a terminal would show them. */
  output: string[]
  stderr: string[]
  /** stdout alone: what a pipe passes on. */
  stdout?: string[]
  /** Errors printed when the command ends, as kubectl's CheckErr prints its aggregate. */
  errors: CommandError[]
  exitCode?: number
  /** cordon / uncordon / taint / label: the change and the objects left to change. */
  edit?: ObjectEdit
  /** run / rollout / drain / describe …: what a multi-request command keeps (workload-call.ts). */
  flow?: unknown
  /** logs: what was asked for. */
  logs?: LogsRequest
  /** A streamed response (logs -f) this command is reading. */
  streamRequestId?: number
  /** The kubeconfig context, cluster, user and credential this command resolved to. */
  resolved?: Resolved
  /** Input piped from the previous command of a pipeline (`get -o json | replace -f -`). */
  stdin?: string
  /** The rest of a pipeline, run with this command's stdout as its stdin. */
  then?: string
}

export interface LogsRequest {
  pod: string
  follow: boolean
  previous: boolean
  timestamps: boolean
  container?: string
  tail?: string
  since?: string
}

export interface KubectlState extends ActorBase {
  kind: 'kubectl'
  client: ApiClientState
  commands: Record<string, KubectlCommand>
  /** ~/.kube/config on the student's laptop; `kubectl config use-context` edits it. */
  kubeconfig: Kubeconfig
  /** Files in the student's working directory, for `--from-file`. */
  files: Record<string, string>
  /** What the last `get` of a list cost: pages, items, bytes, time. */
  lastList?: LastList
  /** The lists a `stampede` action sent and how they ended. */
  stampede?: StampedeTally
}

// A few files to create Secrets and ConfigMaps from (`--from-file=password.txt`).
export const LAPTOP_FILES: Readonly<Record<string, string>> = {
  'username.txt': 'admin',
  'password.txt': 's3cr3t-p4ssw0rd',
  'app.properties': 'mode=production\ncolor=blue\n',
}

/** The API client with this command's credential and impersonation headers. */
export function clientFor(state: KubectlState, cmd: KubectlCommand): ApiClientState {
  if (cmd.resolved) {
    state.client.credential = cmd.resolved.credential
    state.client.impersonate = cmd.resolved.impersonate
  }
  return state.client
}

// kubeadm's admin.conf user in v1.29+: group kubeadm:cluster-admins (bound to cluster-admin).
export function createKubectlState(apiServer: string, rng: ActorBase['rng']): KubectlState {
  return {
    id: 'kubectl',
    kind: 'kubectl',
    host: 'laptop',
    running: false,
    rng,
    client: { ...createApiClient({ type: 'anonymous' }, apiServer), userAgent: KUBECTL_USER_AGENT },
    commands: {},
    kubeconfig: { clusters: [], users: [], contexts: [], currentContext: '' },
    files: { ...LAPTOP_FILES },
  }
}

/** Writes the kubeconfig kubeadm's admin.conf (plus the lab's users) gives the student. */
export function installKubeconfig(state: KubectlState, pki: ClusterPki): void {
  state.kubeconfig = defaultKubeconfig(pki)
  const admin = state.kubeconfig.users[0]
  if (admin) state.client.credential = credentialOf(admin)
}
