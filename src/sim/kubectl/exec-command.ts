import { findResource, restPath, type ResourceInfo } from '../apiserver/resources'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { fail, print } from './commands'
import { formatApiError } from './output'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

/**
 * `kubectl exec POD [-c CONTAINER] -- COMMAND…`: the pods/exec subresource (RBAC: create
 * pods/exec), proxied by the API server to the Pod's kubelet.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go (v1.32)
 */
export function startExec(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): boolean {
  const [pod, ...extra] = cmd.positional
  const command = cmd.repeated['--'] ?? []
  if (pod === undefined) {
    fail(
      cmd,
      "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command",
    )
    return false
  }
  if (extra.length > 0) {
    fail(
      cmd,
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    )
    return false
  }
  if (command.length === 0) {
    fail(cmd, 'error: you must specify at least one command for the container')
    return false
  }
  const info = findResource('', 'pods') as ResourceInfo
  const name = pod.replace(/^pods?\//, '')
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'POST',
      path: restPath(info, cmd.namespace, name, 'exec'),
      query: {
        ...(cmd.flags['container'] !== undefined ? { container: cmd.flags['container'] } : {}),
        stdout: 'true',
      },
      body: { command },
      label: `POST pods/${name}/exec (${command.join(' ')})`,
      about: { kind: 'Pod', name, namespace: cmd.namespace },
    },
    { purpose: 'exec', data: cmd.id },
  )
  return true
}

export function onExecResponse(cmd: KubectlCommand, code: number, body: unknown): void {
  if (code !== 200) return fail(cmd, formatApiError(body))
  const { stdout, exitCode } = body as { stdout: string; exitCode: number }
  if (stdout !== '') print(cmd, stdout)
  if (exitCode !== 0) {
    fail(cmd, `command terminated with exit code ${exitCode}`)
    cmd.exitCode = exitCode
  }
}
