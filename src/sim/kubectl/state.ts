import type { KubeObject } from '../model/objects'
import type { CommandError } from './output'
import type { ObjectEdit } from './node-commands'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'

/** One kubectl invocation in progress; its output accumulates until it exits. */
export interface KubectlCommand {
  id: string
  line: string
  verb: string
  positional: string[]
  flags: Record<string, string>
  namespace: string
  docs: KubeObject[]
  docIndex: number
  /** stdout and stderr interleaved as a terminal would show them. */
  output: string[]
  stderr: string[]
  /** Errors printed when the command ends, as kubectl's CheckErr prints its aggregate. */
  errors: CommandError[]
  exitCode?: number
  /** cordon / uncordon / taint / label: the change and the objects left to change. */
  edit?: ObjectEdit
}

export interface KubectlState extends ActorBase {
  kind: 'kubectl'
  client: ApiClientState
  commands: Record<string, KubectlCommand>
}

// kubeadm's admin.conf user in v1.29+: group kubeadm:cluster-admins (bound to cluster-admin).
export function createKubectlState(apiServer: string, rng: ActorBase['rng']): KubectlState {
  return {
    id: 'kubectl',
    kind: 'kubectl',
    host: 'laptop',
    running: false,
    rng,
    client: createApiClient(
      { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
      apiServer,
    ),
    commands: {},
  }
}
